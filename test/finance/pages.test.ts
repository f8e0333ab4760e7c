import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { withoutScripts } from '../host/translator';

const DAY = 86_400_000;

describe('finance pages and write API through the fake host', function () {
  this.timeout(30_000);
  let fake: FakeHost;
  let admin: number;
  let anna: number;
  let pavel: number;
  let charity: number;
  let start: number;

  const credit = async (uid: number, amount: number, key: string) => {
    const r = await fake.plugin.services.ledger.credit({ uid, amount, key, reason: 'event' });
    assert.ok(r.ok);
  };

  beforeEach(async () => {
    fake = await createFakeHost();
    admin = fake.forum.createUser({ username: 'admin', groups: ['administrators'] });
    anna = fake.forum.createUser({ username: 'anna', groups: ['Activists'], language: 'ru' });
    pavel = fake.forum.createUser({ username: 'pavel', groups: ['Participants'], language: 'ru' });
    charity = fake.forum.createUser({ username: 'gooddeed' });
    await fake.host.settings.set('bonus', { charityUsername: 'gooddeed', transferMax: '500', loanApproval: 'admin' });
    await fake.settle();
    await credit(anna, 1000, 'test:anna');
    // 1000 and the Activists' first-entry gift
    start = (await fake.plugin.services.ledger.balance(anna)).spendable;
  });

  it('another member\'s profile menu offers "Send points", which opens the form addressed to them', async () => {
    const menu = await fake.plugin.filter('filter:user.profileMenu', { uid: charity, callerUID: anna, links: [] });
    const link = menu.links.find((l) => l.id === 'bonus-send');
    assert.ok(link && link.visibility?.other && !link.visibility?.self);
    const slug = fake.forum.users.get(charity)!.userslug;
    const res = await fake.agent(anna).get(`/user/${slug}/bonus-send`).expect(307);
    assert.equal(res.headers.location, `/bonus/transfer?to=${encodeURIComponent(fake.forum.users.get(charity)!.username)}`);
    const form = await fake.agent(anna).get(res.headers.location + '&lang=en-GB').expect(200);
    assert.match(form.text, new RegExp(`name="to"[^>]*value="${fake.forum.users.get(charity)!.username}"`));
    await fake.agent(anna).get('/user/nobody-here/bonus-send').expect(404);
  });

  it('/bonus/transfer renders in ru and en-GB; a transfer through the API shows on both sides', async () => {
    const ru = await fake.agent(anna).get('/bonus/transfer').expect(200);
    assert.match(ru.text, /Перевод баллов/);
    assert.match(ru.text, /data-bonus="transfer-form"/);
    assert.doesNotMatch(withoutScripts(ru.text), /\[\[/);
    const en = await fake.agent(anna).get('/bonus/transfer?lang=en-GB').expect(200);
    assert.match(en.text, /Send points/);
    assert.doesNotMatch(withoutScripts(en.text), /\[\[/);
    const key = /data-key="([A-Za-z0-9]+)"/.exec(ru.text)![1];
    // the day's allowance is written as the language writes numbers, like the limits beside it
    const limits = (html: string) => /id="bonus-transfer-limits"[^>]*>([^<]*)</.exec(html)![1].replace(/[\u00a0\u202f]/g, ' ');
    assert.match(limits(ru.text), /Осталось на сегодня: \d{1,2} \d{3} из \d{1,2} \d{3}\./);
    assert.match(limits(en.text), /\d{4,5} of \d{4,5} left today|left today: \d{4,5} of \d{4,5}/i);

    const body = { to: 'gooddeed', amount: 120, message: 'На доброе дело', key };
    const first = await fake.agent(anna).post('/api/v3/plugins/bonus/transfers', body).expect(200);
    const again = await fake.agent(anna).post('/api/v3/plugins/bonus/transfers', body).expect(200);
    assert.equal(first.body.response.replayed, false);
    assert.equal(again.body.response.replayed, true);
    assert.equal(again.body.response.transfer.id, first.body.response.transfer.id);

    const mine = await fake.agent(anna).get('/bonus/transfer?lang=en-GB').expect(200);
    assert.match(mine.text, /to <a href="\/user\/gooddeed">gooddeed<\/a>/);
    assert.match(mine.text, /На доброе дело/);
    const theirs = await fake.agent(charity).get('/bonus/points').expect(200);
    assert.match(theirs.text, /Transfer received/);
    assert.match(theirs.text, /from anna/);
    assert.equal(fake.notifications.filter((n) => n.notification.type === 'bonus-transfer' && n.uids[0] === charity).length, 1);

    const page = await fake.agent(0).get('/bonus/charity?lang=ru').expect(200);
    assert.match(page.text, /Получено баллов: 120/);
    assert.match(page.text, /anna/);
  });

  it('API refusals are translated for the member; a participant sees the form refused', async () => {
    const bad = await fake.agent(anna).post('/api/v3/plugins/bonus/transfers', { to: 'gooddeed', amount: 501, key: 'abcdefgh1' }).expect(400);
    assert.equal(bad.body.status.message, 'Сумма перевода — от 1 балла до 500 баллов.');
    const self = await fake.agent(anna).post('/api/v3/plugins/bonus/transfers?lang=en-GB', { to: 'anna', amount: 5, key: 'abcdefgh2' }).expect(400);
    assert.equal(self.body.status.message, 'You cannot send points to yourself.');
    const participant = await fake.agent(pavel).post('/api/v3/plugins/bonus/transfers', { to: 'anna', amount: 5, key: 'abcdefgh3' }).expect(403);
    assert.equal(participant.body.status.message, 'Переводы недоступны участникам вашей группы.');
    const page = await fake.agent(pavel).get('/bonus/transfer').expect(200);
    assert.match(page.text, /data-bonus="not-allowed"/);
    assert.doesNotMatch(page.text, /data-bonus="transfer-form"/);
    const loan = await fake.agent(pavel).post('/api/v3/plugins/bonus/loans', { amount: 100, months: 1 }).expect(403);
    assert.equal(loan.body.status.message, 'Займы недоступны участникам вашей группы.');
    await fake.agent(0).post('/api/v3/plugins/bonus/transfers', { to: 'anna', amount: 5, key: 'abcdefgh4' }).expect(401);
  });

  it('admins reverse a transfer from the ACP list; members may not', async () => {
    const sent = await fake.agent(anna).post('/api/v3/plugins/bonus/transfers', { to: 'gooddeed', amount: 100, key: 'reversekey1' }).expect(200);
    const id = sent.body.response.transfer.id;
    const acp = await fake.agent(admin).get('/admin/plugins/bonus/transfers').expect(200);
    assert.match(acp.text, new RegExp(`data-bonus="reverse" data-id="${id}"`));
    await fake.agent(anna).post(`/api/v3/plugins/bonus/transfers/${id}/reverse`).expect(403);
    await fake.agent(admin).post(`/api/v3/plugins/bonus/transfers/${id}/reverse`).expect(200);
    const twice = await fake.agent(admin).post(`/api/v3/plugins/bonus/transfers/${id}/reverse`).expect(200);
    assert.equal(twice.body.response.replayed, true);
    assert.equal((await fake.plugin.services.ledger.balance(anna)).spendable, start);
    const after = await fake.agent(admin).get('/admin/plugins/bonus/transfers').expect(200);
    assert.doesNotMatch(after.text, /data-bonus="reverse"/);
    assert.doesNotMatch(withoutScripts(after.text), /\[\[/);
  });

  it('loans: apply, admin approves in the ACP, the Points page shows the loan, repay, written off by the job', async () => {
    const page = await fake.agent(anna).get('/bonus/loans').expect(200);
    assert.match(page.text, /Займы/);
    assert.match(page.text, /data-bonus="apply-form"/);
    assert.doesNotMatch(withoutScripts(page.text), /\[\[/);
    const applied = await fake.agent(anna).post('/api/v3/plugins/bonus/loans', { amount: 2000, months: 2 }).expect(200);
    const id = applied.body.response.loan.id;
    const dup = await fake.agent(anna).post('/api/v3/plugins/bonus/loans', { amount: 100, months: 1 }).expect(409);
    assert.equal(dup.body.status.message, 'У вас уже есть заявка на заём или непогашенный заём.');

    const acp = await fake.agent(admin).get('/admin/plugins/bonus/loans?state=pending').expect(200);
    assert.match(acp.text, new RegExp(`data-bonus="approve" data-id="${id}"`));
    assert.doesNotMatch(withoutScripts(acp.text), /\[\[/);
    // beside the application: the applicant's balance, earlier loans and warnings (issue 15, item 14)
    assert.match(acp.text, new RegExp(`data-bonus="applicant">Balance: ${(await fake.plugin.services.ledger.balance(anna)).spendable} · earlier loans: 0 \\(written off: 0\\) · warnings: 0<`));
    await fake.agent(anna).post(`/api/v3/plugins/bonus/loans/${id}/approve`).expect(403);
    await fake.agent(admin).post(`/api/v3/plugins/bonus/loans/${id}/approve`).expect(200);

    const points = await fake.agent(anna).get('/bonus/points?lang=en-GB').expect(200);
    assert.match(points.text, /data-bonus="loan"/);
    assert.match(points.text, /2000 of 2,?000 points left to repay, by 1 Nov 2026/);
    const ru = await fake.agent(anna).get('/bonus/points').expect(200);
    assert.match(ru.text, /Осталось вернуть 2000 из 2[\u00a0 ]000 баллов до 1 нояб\. 2026 г\./);

    const loans = await fake.agent(anna).get('/bonus/loans').expect(200);
    const key = /data-bonus="repay-form" data-key="([A-Za-z0-9]+)"/.exec(loans.text)![1];
    await fake.agent(anna).post(`/api/v3/plugins/bonus/loans/${id}/repay`, { amount: 500, key }).expect(200);
    const over = await fake.agent(anna).post(`/api/v3/plugins/bonus/loans/${id}/repay?lang=en-GB`, { amount: 5000, key: 'otherkey01' }).expect(400);
    assert.equal(over.body.status.message, 'Only 1500 points are left to repay.');

    fake.clock.advance(70 * DAY);
    await fake.runJobs();
    await fake.runJobs();
    const history = (await fake.plugin.services.ledger.history(anna, 1)).entries.filter((e) => e.reason === 'loan-write-off');
    assert.equal(history.length, 1);
    assert.equal(history[0].amount, 1500);
    assert.equal((await fake.plugin.services.ledger.balance(anna)).spendable, start + 2000 - 500 - 1500);
    const acpAfter = await fake.agent(admin).get('/admin/plugins/bonus/loans?state=written-off&lang=ru').expect(200);
    assert.match(acpAfter.text, /Списан/);
    assert.match(acpAfter.text, /<tr data-totals="written-off"><td>Списан<\/td><td class="text-end">1<\/td><td class="text-end">2[\u00a0 ]000<\/td><td class="text-end">1[\u00a0 ]500<\/td><\/tr>/);
    assert.match(acpAfter.text, /data-bonus="summary-at">Итоги на /);
    // the loan's own row writes its amount the same way as the totals above it
    assert.match(acpAfter.text, /<tr data-loan-id="\d+">[\s\S]*?<td class="text-end">2[\u00a0 ]000<\/td>/);
    // the member reads what the write-off took (issue 15, item 14)
    assert.match((await fake.agent(anna).get('/bonus/loans').expect(200)).text, /data-bonus="written-off-note">За него с вашего баланса списано: 1[\u00a0 ]500 баллов\.</);
    assert.match((await fake.agent(anna).get('/bonus/loans?lang=en-GB').expect(200)).text, /data-bonus="written-off-note">Taken from your balance for it: 1500 points\.</);
  });

  it('the settings page has the finance section; limits are validated together', async () => {
    const page = await fake.agent(admin).get('/admin/plugins/bonus/settings').expect(200);
    assert.match(page.text, /name="transferDayLimit"/);
    assert.match(page.text, /data-name="loanRoles"/);
    assert.doesNotMatch(withoutScripts(page.text), /\[\[/);
    const bad = await fake.agent(admin).put('/api/v3/plugins/bonus/settings?lang=en-GB', { transferMin: '600', transferMax: '500' }).expect(400);
    assert.equal(bad.body.status.message, 'The minimum transfer cannot be larger than the maximum.');
    await fake.agent(admin).put('/api/v3/plugins/bonus/settings', { loanRoles: '["participants"]', loanApproval: 'automatic' }).expect(200);
    await fake.agent(pavel).post('/api/v3/plugins/bonus/loans', { amount: 100, months: 1 }).expect(200);
    assert.equal((await fake.plugin.services.ledger.balance(pavel)).spendable, 100);
  });

  it('auto-repayment is wired into earning: post points maturing repay part of the open loan', async () => {
    const cid = fake.forum.createCategory('Club life');
    await fake.host.settings.set('bonus', { ...(await fake.host.settings.get('bonus')), earningCids: String(cid), pointsReply: '10', loanApproval: 'automatic', loanAutoRepayPercent: '30' });
    await fake.agent(anna).post('/api/v3/plugins/bonus/loans', { amount: 100, months: 1 }).expect(200);
    const { tid } = fake.forum.createTopic(admin, cid, 'Hello', 'First post');
    fake.forum.reply(anna, tid, 'A reply');
    await fake.settle();
    fake.clock.advance(48 * 3_600_000 + 1);
    await fake.runJobs();
    const loan = (await fake.plugin.services.loans.currentOf(anna))!;
    assert.equal(loan.outstanding, 97);
  });

  it('the sandbox demo has a charity with a donation, an open loan and a pending application', async () => {
    const demo = await createFakeHost();
    await seedDemo(demo);
    const uid = (name: string) => [...demo.forum.users.values()].find((u) => u.username === name)!.uid;
    const charityPage = await demo.agent(0).get('/bonus/charity?lang=en-GB').expect(200);
    assert.match(charityPage.text, /150 points received/);
    const olga = await demo.agent(uid('olga')).get('/bonus/points').expect(200);
    assert.match(olga.text, /1200 of 1500 points left to repay/);
    const acp = await demo.agent(uid('admin')).get('/admin/plugins/bonus/loans').expect(200);
    assert.match(acp.text, /data-bonus="approve"/);
    const home = await demo.agent(uid('anna')).get('/bonus').expect(200);
    assert.match(home.text, /href="\/bonus\/transfer"/);
  });
});
