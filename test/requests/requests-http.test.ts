/**
 * Issue 20 through the fake forum on the sandbox's data: every request route for a guest, the
 * requester, another member, staff (the settings' group) and an admin; internal notes never reach
 * the member; types' texts from the language files and admins' words escaped; the status flow and
 * the reopen window with the clock moved; staff as the group the admin chooses.
 */
import assert from 'node:assert/strict';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { seedLicences } from '../host/sandbox-licences';
import { seedRequests } from '../host/sandbox-requests';

const D = 24 * 60 * 60 * 1000;

describe('support requests through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  let ids: Awaited<ReturnType<typeof seedRequests>>;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
    await seedLicences(fake);
    ids = await seedRequests(fake);
  });

  it('every route: a guest is sent to log in (401 on the API), another member gets 404, the requester, staff and an admin get through', async () => {
    const id = ids.key;
    const pages = ['/bonus/requests', '/bonus/requests/new', `/bonus/requests/${id}`, '/bonus/requests/queue'];
    for (const p of pages) {
      const r = await fake.agent(0).get(p);
      assert.equal(r.status, 302, p);
      assert.match(r.headers.location, /^\/login/);
      await fake.agent(0).get(`/api${p}`).expect(401);
    }
    const api = '/api/v3/plugins/bonus/requests';
    const writes: [string, string, object][] = [
      ['post', api, { draft: { typeId: 'points', subject: 'x', description: 'y' } }], ['post', `${api}/check`, { draft: {} }],
      ['post', `${api}/${id}/messages`, { text: 'hi' }], ['post', `${api}/${id}/close`, {}], ['post', `${api}/${id}/reopen`, {}], ['put', `${api}/${id}/assignee`, { uid: 0 }],
    ];
    await fake.agent(0).get(api).expect(401);
    await fake.agent(0).get(`${api}/${id}`).expect(401);
    for (const [m, url, b] of writes) await (m === 'put' ? fake.agent(0).put(url, b) : fake.agent(0).post(url, b)).expect(401);

    // another member: not found, and nothing of pavel's request in any answer
    const anna = fake.agent(uid('anna'));
    await anna.get(`/bonus/requests/${id}`).expect(404);
    await anna.get(`/api/bonus/requests/${id}`).expect(404);
    await anna.get(`${api}/${id}`).expect(404);
    await anna.get('/bonus/requests/queue').expect(404);
    for (const [m, url, b] of writes.slice(2)) await (m === 'put' ? anna.put(url, b) : anna.post(url, b)).expect(404);
    const annaList = (await anna.get('/api/bonus/requests').expect(200)).text;
    assert.doesNotMatch(annaList, /reinstalling/);
    assert.match(annaList, /Family edition/);

    // the requester: the page and its twin without the internal note; not the queue; no internal notes of their own
    const pavel = fake.agent(uid('pavel'));
    for (const p of [`/bonus/requests/${id}`, `/api/bonus/requests/${id}`, `${api}/${id}`]) {
      const t = (await pavel.get(`${p}?lang=en-GB`).expect(200)).text;
      assert.match(t, /screenshot/);
      assert.doesNotMatch(t, /Seat count looks fine/, `${p}: no internal note`);
    }
    await pavel.get('/bonus/requests/queue').expect(404);
    await pavel.post(`${api}/${id}/messages`, { text: 'secret', internal: true }).expect(404);
    await pavel.put(`${api}/${id}/assignee`, { uid: uid('pavel') }).expect(404);

    // staff (Global Moderators, the default group) and an admin: the request with the note, the queue
    for (const who of ['moderator', 'admin']) {
      const a = fake.agent(uid(who));
      const t = (await a.get(`/bonus/requests/${id}?lang=en-GB`).expect(200)).text;
      assert.match(t, /Seat count looks fine/);
      assert.match(t, /data-bonus="assign-form"/);
      const q = (await a.get('/bonus/requests/queue?lang=en-GB').expect(200)).text;
      for (const n of Object.values(ids)) assert.match(q, new RegExp(`data-id="${n}"`), `${who} queue ${n}`);
    }
  });

  it('the pages in both languages: types from the language files, the member\'s words escaped', async () => {
    const pavel = fake.agent(uid('pavel'));
    const en = (await pavel.get('/bonus/requests/new?lang=en-GB').expect(200)).text;
    assert.match(en, /Key problem \/ licence expiration/);
    assert.match(en, /zip archive with the password &quot;infected&quot;|zip archive with the password "infected"/);
    const ru = (await pavel.get('/bonus/requests/new?lang=ru').expect(200)).text;
    assert.match(ru, /Образец в вирусную лабораторию/);
    assert.match(ru, /Лицензия или заказ/);
    assert.match(ru, /•••••-•••••-•••••-DEMOB/, 'step 2 offers the member\'s licences, masked');
    const list = (await pavel.get('/bonus/requests?lang=ru').expect(200)).text;
    assert.match(list, /Ждёт вашего ответа/);
    assert.match(list, /Закрыто/);
    // a member's words with markup are shown as text; an admin's type is shown as written, never as a key
    await fake.plugin.services.requests.store.writeType({ ...(await fake.plugin.services.requests.store.type('general'))!, id: 'own', name: { 'en-GB': '[[bonus:home.title]] <b>own</b>', ru: 'Своё' }, help: { 'en-GB': 'help', ru: 'помощь' }, order: 20 });
    const r = await pavel.post('/api/v3/plugins/bonus/requests', { draft: { typeId: 'own', subject: '<script>alert(1)</script>', description: '[[bonus:home.title]]' } }).expect(200);
    const page = (await pavel.get(`/bonus/requests/${r.body.response.id}?lang=en-GB`).expect(200)).text;
    assert.doesNotMatch(page, /<script>alert\(1\)<\/script>/);
    assert.match(page, /&lt;script&gt;/);
    assert.match(page, /&lt;b&gt;own&lt;\/b&gt;/);
    assert.doesNotMatch(page, /<b>own<\/b>/);
    const newPage = (await pavel.get('/bonus/requests/new?lang=ru').expect(200)).text;
    assert.match(newPage, /Своё/);
  });

  it('filing: the dry run names the step\'s problem in the member\'s language; submit gives the number; the daily limit', async () => {
    const boris = fake.agent(uid('boris'));
    const api = '/api/v3/plugins/bonus/requests';
    let c = await boris.post(`${api}/check?lang=ru`, { draft: { typeId: 'order' }, step: 2 }).expect(200);
    assert.equal(c.body.response.problem, 'Выберите заказ, о котором обращение.');
    c = await boris.post(`${api}/check?lang=en-GB`, { draft: { typeId: 'key' }, step: 2 }).expect(200);
    assert.equal(c.body.response.problem, '', 'the key problem may skip step 2');
    c = await boris.post(`${api}/check?lang=en-GB`, { draft: { typeId: 'key', licenceId: 'nope' }, step: 2 }).expect(200);
    assert.equal(c.body.response.problem, 'That licence is not one of yours.');
    const ok = await boris.post(api, { draft: { typeId: 'points', subject: 'Where are my points?', description: 'Missing for last week.' } }).expect(200);
    assert.ok(ok.body.response.id > 0);
    assert.equal(ok.body.response.url, `/bonus/requests/${ok.body.response.id}`);
    for (let i = 1; i < 5; i++) await boris.post(api, { draft: { typeId: 'points', subject: `Q${i}`, description: 'd' } }).expect(200);
    const over = await boris.post(`${api}?lang=en-GB`, { draft: { typeId: 'points', subject: 'Q6', description: 'd' } }).expect(409);
    assert.match(over.body.status.message, /limit of new requests per day \(5\)/);
    fake.clock.advance(D + 1);
    await boris.post(api, { draft: { typeId: 'points', subject: 'Q7', description: 'd' } }).expect(200);
  });

  it('the conversation: staff reply → waiting for the member; the member answers → waiting for staff; close; reopen within the window only', async () => {
    const api = '/api/v3/plugins/bonus/requests';
    const pavel = fake.agent(uid('pavel')), mod = fake.agent(uid('moderator'));
    const id = ids.app;
    assert.equal((await mod.post(`${api}/${id}/messages`, { text: 'Which build?' }).expect(200)).body.response.status, 'member');
    assert.equal((await pavel.post(`${api}/${id}/messages`, { text: '21.3.10' }).expect(200)).body.response.status, 'staff');
    const q = (await mod.get('/bonus/requests/queue?status=staff&lang=en-GB').expect(200)).text;
    assert.match(q, new RegExp(`data-id="${id}"`));
    assert.doesNotMatch(q, new RegExp(`data-id="${ids.points}"`), 'the closed one is filtered out');
    assert.equal((await pavel.post(`${api}/${id}/close`, {}).expect(200)).body.response.status, 'closed');
    await pavel.post(`${api}/${id}/messages?lang=en-GB`, { text: 'more' }).expect(409);
    fake.clock.advance(13 * D);
    assert.match((await pavel.get(`/bonus/requests/${id}?lang=en-GB`).expect(200)).text, /data-bonus="reopen"/);
    fake.clock.advance(2 * D);
    assert.doesNotMatch((await pavel.get(`/bonus/requests/${id}?lang=en-GB`).expect(200)).text, /data-bonus="reopen"/);
    const late = await pavel.post(`${api}/${id}/reopen?lang=en-GB`, {}).expect(409);
    assert.match(late.body.status.message, /closed too long ago/);
    assert.equal((await mod.post(`${api}/${id}/reopen`, {}).expect(200)).body.response.status, 'staff', 'staff may reopen any time');
  });

  it('staff are the group the admin chooses (admins always); assignment only to staff; the queue filters', async () => {
    const api = '/api/v3/plugins/bonus/requests';
    const mod = fake.agent(uid('moderator'));
    await mod.put(`${api}/${ids.presale}/assignee?lang=en-GB`, { uid: uid('anna') }).expect(400);
    await mod.put(`${api}/${ids.presale}/assignee`, { uid: uid('admin') }).expect(200);
    const byAdmin = (await mod.get(`/bonus/requests/queue?assignee=${uid('admin')}`).expect(200)).text;
    assert.match(byAdmin, new RegExp(`data-id="${ids.presale}"`));
    assert.doesNotMatch(byAdmin, new RegExp(`data-id="${ids.key}"`));
    const byType = (await mod.get('/bonus/requests/queue?type=points').expect(200)).text;
    assert.match(byType, new RegExp(`data-id="${ids.points}"`));
    assert.doesNotMatch(byType, new RegExp(`data-id="${ids.app}"`));
    assert.doesNotMatch((await mod.get('/bonus/requests/queue?age=3').expect(200)).text, /data-bonus="request"/);
    fake.clock.advance(4 * D);
    assert.match((await mod.get('/bonus/requests/queue?age=3').expect(200)).text, /data-bonus="request"/);
    const first = (await mod.get('/bonus/requests/queue?lang=en-GB').expect(200)).text;
    assert.match(first, /not yet/);
    // another group handles requests: the moderator no longer does, its member does; the admin still does
    const s = fake.plugin.services;
    await fake.host.settings.set('bonus', { ...(await fake.host.settings.get('bonus')), requestsStaffGroup: 'support' });
    await fake.host.groups.join('support', uid('boris'));
    await mod.get('/bonus/requests/queue').expect(404);
    await mod.get(`/bonus/requests/${ids.key}`).expect(404);
    await fake.agent(uid('boris')).get('/bonus/requests/queue').expect(200);
    await fake.agent(uid('admin')).get('/bonus/requests/queue').expect(200);
    assert.ok(await s.requests.isStaff(uid('boris')));
  });
});

describe('who handles a request type (issue 20, item 1) through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  let ids: Awaited<ReturnType<typeof seedRequests>>;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const api = '/api/v3/plugins/bonus/requests';

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
    await seedLicences(fake);
    ids = await seedRequests(fake);
  });

  it('a type given to a group: its members handle that type alone on every route; the general handlers no longer see it; admins see all', async () => {
    const admin = fake.agent(uid('admin'));
    const presale = { nameEn: '', nameRu: '', helpEn: '', helpRu: '', subject: 'none', order: '70', subjectOptional: true, fileRequired: false, asksSystem: false, enabled: true };
    // a group that does not exist is refused, in the admin's language, and nothing changes
    const refused = await admin.put('/api/v3/plugins/bonus/admin/requests/types/presale?lang=ru', { ...presale, handledBy: 'sales-desk' }).expect(400);
    assert.match(refused.body.status.message, /Группы «sales-desk»/);
    await admin.put('/api/v3/plugins/bonus/admin/requests/types/presale', { ...presale, handledBy: 'guests' }).expect(400);
    assert.equal((await fake.plugin.services.requests.types()).find((t) => t.id === 'presale')?.handledBy, 'staff');
    await fake.host.groups.join('sales-desk', uid('boris'));
    await admin.put('/api/v3/plugins/bonus/admin/requests/types/presale', { ...presale, handledBy: 'sales-desk' }).expect(200);
    // the ACP form shows the choice
    assert.match((await admin.get('/admin/plugins/bonus/requests?lang=en-GB').expect(200)).text, /<option value="sales-desk" selected>sales-desk<\/option>/);

    const boris = fake.agent(uid('boris'));
    const mod = fake.agent(uid('moderator'));
    // the group's member: the presale request on every route, nothing else
    const q = (await boris.get('/bonus/requests/queue').expect(200)).text;
    assert.match(q, new RegExp(`data-id="${ids.presale}"`));
    for (const other of [ids.key, ids.app, ids.points]) assert.doesNotMatch(q, new RegExp(`data-id="${other}"`));
    await boris.get(`/bonus/requests/${ids.presale}`).expect(200);
    await boris.get(`${api}/${ids.presale}`).expect(200);
    await boris.post(`${api}/${ids.presale}/messages`, { text: 'internal: price list sent', internal: true }).expect(200);
    await boris.post(`${api}/${ids.presale}/messages`, { text: 'The family edition covers five devices.' }).expect(200);
    await boris.put(`${api}/${ids.presale}/assignee`, { uid: uid('boris') }).expect(200);
    await boris.put(`${api}/${ids.presale}/assignee`, { uid: uid('moderator') }).expect(400); // not a handler of this type
    for (const other of [ids.key, ids.app]) {
      await boris.get(`/bonus/requests/${other}`).expect(404);
      await boris.post(`${api}/${other}/messages`, { text: 'x' }).expect(404);
      await boris.put(`${api}/${other}/assignee`, { uid: 0 }).expect(404);
    }
    // the general handlers: the other types, not this one
    const mq = (await mod.get('/bonus/requests/queue').expect(200)).text;
    assert.doesNotMatch(mq, new RegExp(`data-id="${ids.presale}"`));
    assert.match(mq, new RegExp(`data-id="${ids.key}"`));
    await mod.get(`/bonus/requests/${ids.presale}`).expect(404);
    await mod.post(`${api}/${ids.presale}/messages`, { text: 'x' }).expect(404);
    // the requester still sees their request (without the internal note); another member does not
    const asker = fake.plugin.services.requests.store;
    const owner = (await asker.request(ids.presale))!.uid;
    const own = (await fake.agent(owner).get(`/bonus/requests/${ids.presale}?lang=en-GB`).expect(200)).text;
    assert.match(own, /five devices/);
    assert.doesNotMatch(own, /price list sent/);
    await fake.agent(uid('anna') === owner ? uid('pavel') : uid('anna')).get(`/bonus/requests/${ids.presale}`).expect(404);
    // admins: everything
    const aq = (await admin.get('/bonus/requests/queue').expect(200)).text;
    for (const n of Object.values(ids)) assert.match(aq, new RegExp(`data-id="${n}"`));
    await admin.get(`/bonus/requests/${ids.presale}`).expect(200);
  });

  it('a new request tells its type\'s handlers (not the member, not other handlers)', async () => {
    await fake.host.groups.join('sales-desk', uid('boris'));
    const s = fake.plugin.services.requests;
    const t = (await s.types()).find((x) => x.id === 'presale')!;
    await s.store.writeType({ ...t, handledBy: 'sales-desk' });
    const before = fake.notifications.length;
    const pavel = uid('pavel');
    const id = (await fake.agent(pavel).post(api, { draft: { typeId: 'presale', subject: 'Price <b>?</b>', description: 'How much?' } }).expect(200)).body.response.id;
    const told = fake.notifications.slice(before).filter((n) => n.notification.type === 'bonus-request');
    assert.equal(told.length, 1);
    assert.deepEqual([...told[0].uids].sort((a, b) => a - b), [uid('admin'), uid('boris')].sort((a, b) => a - b));
    assert.equal(told[0].notification.bodyShort, `[[bonus:requests.notify.new, ${id}, Price <b>?</b>]]`);
  });

  it('a submit with a key files one request however often it is sent, even at once; a bad key is refused', async () => {
    const pavel = fake.agent(uid('pavel'));
    const draft = { typeId: 'points', subject: 'Twice?', description: 'Clicked twice' };
    const before = (await fake.plugin.services.requests.store.memberRequests(uid('pavel'))).length;
    const answers = await Promise.all([1, 2, 3].map(() => pavel.post(api, { draft, key: 'k-0123456789abcdef' }).expect(200)));
    const again = (await pavel.post(api, { draft, key: 'k-0123456789abcdef' }).expect(200)).body.response.id;
    const numbers = new Set([...answers.map((a) => a.body.response.id), again]);
    assert.equal(numbers.size, 1, 'one number');
    assert.equal((await fake.plugin.services.requests.store.memberRequests(uid('pavel'))).length, before + 1);
    const bad = await pavel.post(`${api}?lang=en-GB`, { draft, key: 'x y' }).expect(400);
    assert.match(bad.body.status.message, /reload the page/);
    assert.equal((await fake.plugin.services.requests.store.memberRequests(uid('pavel'))).length, before + 1);
  });
});

describe('support requests\' attachments through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const api = '/api/v3/plugins/bonus/requests';
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  /** Uploads `bytes` as `name` the way the page does: start, pieces of the size the server names, finish. */
  async function upload(who: number, name: string, bytes: Buffer, lang = 'en-GB') {
    const a = fake.agent(who);
    const start = await a.post(`${api}/files?lang=${lang}`, { name, size: bytes.length });
    if (start.status !== 200) return start;
    const { fid, chunk, chunks } = start.body.response;
    for (let i = 0; i < chunks; i++) await a.post(`${api}/files/${fid}/chunks`, { index: i, data: bytes.subarray(i * chunk, (i + 1) * chunk).toString('base64') }).expect(200);
    return a.post(`${api}/files/${fid}/finish?lang=${lang}`, {});
  }

  it('a 2 MB file arrives in pieces under NodeBB\'s 1 MB JSON limit; only the requester and staff download it, as an attachment', async () => {
    const big = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2 * 1024 * 1024 - 4, 1)]);
    const done = await upload(uid('pavel'), 'sample.zip', big);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    const fid = done.body.response.fid;
    // a whole 2 MB file in one JSON body is refused by the host's body limit
    const whole = await fake.agent(uid('pavel')).post(`${api}/files/${fid}/chunks`, { index: 0, data: big.toString('base64') });
    assert.equal(whole.status, 413);
    // another member cannot take pavel's upload into their request
    await fake.agent(uid('anna')).post(api, { draft: { typeId: 'viruslab', subject: 'x', description: 'y', os: 'Windows', attachments: [fid] } }).expect(404);
    const filed = await fake.agent(uid('pavel')).post(api, { draft: { typeId: 'viruslab', subject: 'False positive', description: 'Password: infected', os: 'Windows 11', attachments: [fid] } }).expect(200);
    const id = filed.body.response.id;
    const url = `${api}/${id}/attachments/${fid}`;
    for (const who of ['pavel', 'moderator', 'admin']) {
      const r = await fake.agent(uid(who)).get(url).buffer(true).parse((res, cb) => { const parts: Buffer[] = []; res.on('data', (c: Buffer) => parts.push(c)); res.on('end', () => cb(null, Buffer.concat(parts))); }).expect(200);
      assert.equal(r.headers['content-disposition'], 'attachment; filename="sample.zip"; filename*=UTF-8\'\'sample.zip');
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['content-type'], 'application/zip');
      assert.ok(Buffer.compare(r.body as Buffer, big) === 0, `${who}: the same bytes`);
    }
    await fake.agent(uid('anna')).get(url).expect(404);
    await fake.agent(0).get(url).expect(401);
    await fake.agent(uid('pavel')).get(`${api}/${id}/attachments/${'0'.repeat(24)}`).expect(404);
    const page = (await fake.agent(uid('pavel')).get(`/bonus/requests/${id}?lang=en-GB`).expect(200)).text;
    assert.match(page, /sample\.zip/);
    assert.match(page, /2048 kB/);
    // the file was taken: it cannot be taken again or removed
    await fake.agent(uid('pavel')).post(api, { draft: { typeId: 'viruslab', subject: 'again', description: 'y', os: 'Windows', attachments: [fid] } }).expect(404);
    await fake.agent(uid('pavel')).delete(`${api}/files/${fid}`, {}).expect(404);
  });

  it('files in the conversation: the member answers with a screenshot; a file on an internal note is for staff only', async () => {
    const pavel = uid('pavel'), mod = uid('moderator');
    const id = (await fake.agent(pavel).post(api, { draft: { typeId: 'points', subject: 'Q', description: 'd' } }).expect(200)).body.response.id;
    await fake.agent(mod).post(`${api}/${id}/messages`, { text: 'Send a screenshot, please.' }).expect(200);
    const shot = (await upload(pavel, 'screen.png', PNG)).body.response.fid;
    // another member's upload cannot ride on pavel's message, nor pavel's on theirs
    const annas = (await upload(uid('anna'), 'a.png', PNG)).body.response.fid;
    await fake.agent(pavel).post(`${api}/${id}/messages`, { text: 'here', attachments: [annas] }).expect(404);
    assert.equal((await fake.agent(pavel).post(`${api}/${id}/messages`, { text: 'Here it is.', attachments: [shot] }).expect(200)).body.response.status, 'staff');
    const note = (await upload(mod, 'internal.txt', Buffer.from('staff only'))).body.response.fid;
    await fake.agent(mod).post(`${api}/${id}/messages`, { text: 'Log from our side', internal: true, attachments: [note] }).expect(200);
    await fake.agent(pavel).get(`${api}/${id}/attachments/${shot}`).expect(200);
    await fake.agent(mod).get(`${api}/${id}/attachments/${shot}`).expect(200);
    await fake.agent(uid('anna')).get(`${api}/${id}/attachments/${shot}`).expect(404);
    await fake.agent(pavel).get(`${api}/${id}/attachments/${note}`).expect(404);
    await fake.agent(uid('admin')).get(`${api}/${id}/attachments/${note}`).expect(200);
    const member = (await fake.agent(pavel).get(`/bonus/requests/${id}?lang=en-GB`).expect(200)).text;
    assert.match(member, /screen\.png/);
    assert.doesNotMatch(member, /internal\.txt/);
    assert.match((await fake.agent(mod).get(`/bonus/requests/${id}?lang=en-GB`).expect(200)).text, /internal\.txt/);
  });

  it('refused files get a clear reason in the member\'s language and are not kept', async () => {
    const pavel = uid('pavel');
    let r = await upload(pavel, 'big.png', Buffer.alloc(2 * 1024 * 1024 + 1, 1), 'ru');
    assert.equal(r.status, 400);
    assert.equal(r.body.status.message, 'Файл «big.png» больше 2048 КБ.');
    r = await upload(pavel, 'setup.exe', Buffer.from('MZ'), 'en-GB');
    assert.equal(r.status, 400);
    assert.match(r.body.status.message, /Files like “setup\.exe” cannot be attached/);
    r = await upload(pavel, 'photo.png', Buffer.from('not a png at all'), 'en-GB');
    assert.equal(r.status, 400);
    assert.equal(r.body.status.message, 'The file “photo.png” is not what its name says (its contents do not match its type).');
    r = await upload(pavel, 'ok.png', PNG);
    assert.equal(r.status, 200);
    // the limit is the setting
    await fake.host.settings.set('bonus', { ...(await fake.host.settings.get('bonus')), requestsMaxFileKb: '1' });
    r = await upload(pavel, 'log.txt', Buffer.alloc(2000, 65), 'en-GB');
    assert.equal(r.status, 400);
    assert.equal(r.body.status.message, 'The file “log.txt” is larger than 1 kB.');
    // an upload never sent with a request is removed by the daily clean-up
    const fid = (await upload(pavel, 'ok.png', PNG)).body.response.fid;
    fake.clock.advance(D + 1);
    assert.ok((await fake.plugin.services.requests.removeLooseFiles(fake.clock.now())) >= 1);
    assert.equal(await fake.plugin.services.requests.store.file(fid), null);
  });
});

describe('support requests\' notifications, e-mails and the daily job through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const api = '/api/v3/plugins/bonus/requests';
  const ours = () => fake.notifications.filter((n) => n.notification.type === 'bonus-request');
  const mails = () => fake.emails.filter((m) => m.template === 'bonus-request');

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  it('the member alone is told of each staff reply and each status change they did not make; internal notes and their own steps tell no one', async () => {
    const pavel = uid('pavel'), mod = fake.agent(uid('moderator'));
    const id = (await fake.agent(pavel).post(api, { draft: { typeId: 'points', subject: 'Where <are> my points?', description: 'd' } }).expect(200)).body.response.id;
    // the handlers are told of the new request; from here on, the member alone
    assert.equal(ours().length, 1);
    assert.ok(!ours()[0].uids.includes(pavel));
    fake.notifications.length = 0;
    await mod.post(`${api}/${id}/messages`, { text: 'note', internal: true }).expect(200);
    assert.equal(ours().length + mails().length, 0, 'an internal note tells no one');
    await mod.post(`${api}/${id}/messages`, { text: 'Your points came on the 3rd.' }).expect(200);
    assert.equal(ours().length, 1);
    assert.deepEqual(ours()[0].uids, [pavel]);
    assert.equal(ours()[0].notification.path, `/bonus/requests/${id}`);
    assert.equal(ours()[0].notification.bodyShort, `[[bonus:requests.notify.reply, ${id}, Where <are> my points?]]`);
    assert.equal(mails().length, 1);
    assert.equal(mails()[0].uid, pavel);
    assert.equal(mails()[0].params.reply, 'Your points came on the 3rd.');
    await fake.agent(pavel).post(`${api}/${id}/messages`, { text: 'thanks' }).expect(200);
    await fake.agent(pavel).post(`${api}/${id}/close`, {}).expect(200);
    assert.equal(ours().length, 1, 'the member\'s own message and close tell no one');
    await mod.post(`${api}/${id}/reopen`, {}).expect(200);
    await mod.post(`${api}/${id}/close`, {}).expect(200);
    assert.equal(ours().length, 3);
    assert.match(ours()[2].notification.bodyShort, /requests\.notify\.status.*\[\[bonus:requests\.status\.closed\]\]/);
    for (const n of ours()) assert.deepEqual(n.uids, [pavel], 'never another member');
  });

  it('the daily job: a reminder every 3 days while waiting for the member, then closed after 10 days, each once (settings\' days)', async () => {
    const pavel = uid('pavel');
    const id = (await fake.agent(pavel).post(api, { draft: { typeId: 'points', subject: 'Q', description: 'd' } }).expect(200)).body.response.id;
    await fake.agent(uid('moderator')).post(`${api}/${id}/messages`, { text: 'Which week?' }).expect(200);
    const job = fake.jobs.find((j) => j.name === 'bonus:requests:daily')!;
    assert.ok(job);
    const reminders = () => ours().filter((n) => /notify\.reminder/.test(n.notification.bodyShort)).length;
    await job.onTick();
    assert.equal(reminders(), 0);
    fake.clock.advance(3 * D);
    await job.onTick();
    await job.onTick();
    assert.equal(reminders(), 1, 'once');
    fake.clock.advance(3 * D);
    await job.onTick();
    assert.equal(reminders(), 2);
    fake.clock.advance(4 * D);
    await job.onTick();
    const r = await fake.plugin.services.requests.store.request(id);
    assert.equal(r!.status, 'closed');
    assert.equal(r!.closedBy, 'auto');
    assert.match(ours().at(-1)!.notification.bodyShort, /requests\.status\.closed/);
    // the settings' days: reminders every day, closed after 2
    await fake.host.settings.set('bonus', { ...(await fake.host.settings.get('bonus')), requestsReminderDays: '1', requestsAutoCloseDays: '2' });
    const id2 = (await fake.agent(pavel).post(api, { draft: { typeId: 'points', subject: 'Q2', description: 'd' } }).expect(200)).body.response.id;
    await fake.agent(uid('moderator')).post(`${api}/${id2}/messages`, { text: '?' }).expect(200);
    fake.clock.advance(D);
    await job.onTick();
    assert.equal((await fake.plugin.services.requests.store.request(id2))!.reminders, 1);
    fake.clock.advance(D);
    await job.onTick();
    assert.equal((await fake.plugin.services.requests.store.request(id2))!.status, 'closed');
  });
});

describe('claims folded into support requests (issue 20 item 6, first step) through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  it('the member\'s claims are on My requests and admins\' in the queue, each linking to its claim page, which works as before', async () => {
    const claims = await fake.plugin.services.claims.memberClaims({ uid: uid('konstantin') });
    assert.ok(claims.ok && claims.value.length > 0, 'the demo has claims');
    const c = claims.value[0].claim;
    const mine = (await fake.agent(uid('konstantin')).get('/bonus/requests?lang=en-GB').expect(200)).text;
    assert.match(mine, new RegExp(`<a class="fw-semibold" href="/bonus/claims/${c.id}">Claim #${c.id} on order #${c.orderId}</a>`));
    const ru = (await fake.agent(uid('konstantin')).get('/bonus/requests?lang=ru').expect(200)).text;
    assert.match(ru, new RegExp(`Претензия №${c.id} по заказу №${c.orderId}`));
    assert.doesNotMatch((await fake.agent(uid('anna')).get('/bonus/requests?lang=en-GB').expect(200)).text, new RegExp(`/bonus/claims/${c.id}"`), 'not another member\'s');
    await fake.agent(uid('konstantin')).get(`/bonus/claims/${c.id}`).expect(200);
    const queue = (await fake.agent(uid('admin')).get('/bonus/requests/queue?lang=en-GB').expect(200)).text;
    assert.match(queue, new RegExp(`href="/bonus/claims/${c.id}"`));
    assert.doesNotMatch((await fake.agent(uid('admin')).get('/bonus/requests/queue?type=points').expect(200)).text, /data-bonus="claim"/, 'only with the order problems');
    assert.doesNotMatch((await fake.agent(uid('moderator')).get('/bonus/requests/queue').expect(200)).text, /data-bonus="claim"/, 'claims are decided by admins');
  });

  it('an order problem about a delivered order\'s wrong or damaged items opens its claim: once per key, with the claims\' rules and refusals', async () => {
    const s = fake.plugin.services;
    const api = '/api/v3/plugins/bonus/requests';
    // a delivered order without an open claim, and an order still being processed
    let delivered: { id: number; uid: number } | null = null;
    for (const id of await s.orders.store.idsByStatus('delivered', '-inf', '+inf')) {
      const [o] = await s.orders.store.getOrders([id]);
      const open = await s.claims.orderClaims({ uid: o.uid }, id);
      if (open.ok && !open.value.some((c) => c.open)) { delivered = { id, uid: o.uid }; break; }
    }
    if (!delivered) {
      // the demo's delivered orders have claims: deliver one that is waiting (as the admin would)
      const admin = { uid: uid('admin') };
      for (const status of ['paid', 'processing', 'shipped'] as const) {
        const [id] = await s.orders.store.idsByStatus(status, '-inf', '+inf');
        if (id === undefined) continue;
        for (const next of ['processing', 'shipped', 'delivered'] as const) {
          const moved = await s.orders.setStatus(admin, id, { status: next });
          if (!moved.ok && moved.refusal.code !== 'error.orders.bad-transition') assert.fail(JSON.stringify(moved));
        }
        const [o] = await s.orders.store.getOrders([id]);
        if ((await s.orders.store.idsByStatus('delivered', '-inf', '+inf')).includes(id)) { delivered = { id, uid: o.uid }; break; }
      }
    }
    assert.ok(delivered, 'a delivered order without a claim');
    const buyer = fake.agent(delivered.uid);
    const draft = { typeId: 'order', orderId: delivered.id, subject: 'The hoodie is torn', description: 'The left sleeve came torn at the seam.' };
    const before = (await s.claims.memberClaims({ uid: delivered.uid })).ok ? (await s.claims.memberClaims({ uid: delivered.uid }) as { value: unknown[] }).value.length : 0;
    const first = (await buyer.post(api, { draft, claimProblem: 'damaged', key: 'claim-key-0001' }).expect(200)).body.response;
    assert.equal(first.claim, true);
    assert.equal(first.url, `/bonus/claims/${first.id}`);
    const again = (await buyer.post(api, { draft, claimProblem: 'damaged', key: 'claim-key-0001' }).expect(200)).body.response;
    assert.equal(again.id, first.id, 'the same key: the same claim');
    const claims = await s.claims.memberClaims({ uid: delivered.uid });
    assert.ok(claims.ok);
    assert.equal(claims.value.length, before + 1, 'one claim opened');
    const opened = claims.value.find((c) => c.claim.id === first.id)!;
    assert.equal(opened.claim.orderId, delivered.id);
    assert.equal(opened.claim.problem, 'damaged');
    assert.match(opened.claim.description, /torn at the seam/);
    // listed on My requests, and its page is the claim's
    assert.match((await buyer.get('/bonus/requests?lang=en-GB').expect(200)).text, new RegExp(`href="/bonus/claims/${first.id}"`));
    await buyer.get(`/bonus/claims/${first.id}`).expect(200);
    // a second claim on the order: the claims' own refusal, translated
    const second = await buyer.post(`${api}?lang=ru`, { draft, claimProblem: 'wrong-items', key: 'claim-key-0002' });
    assert.ok(second.status >= 400, String(second.status));
    assert.match(second.body.status.message, /[А-Яа-я]/);
    // files are not carried into a claim; another member's order is refused as before
    await buyer.post(api, { draft: { ...draft, attachments: ['0123456789abcdef01234567'] }, claimProblem: 'damaged', key: 'claim-key-0003' }).expect(400);
    const other = fake.agent(uid('anna') === delivered.uid ? uid('pavel') : uid('anna'));
    await other.post(api, { draft, claimProblem: 'damaged', key: 'claim-key-0004' }).expect(400);
    // without a problem it is an ordinary request about the order
    const plain = (await buyer.post(api, { draft: { ...draft, subject: 'When is the next delivery?' }, key: 'plain-key-0001' }).expect(200)).body.response;
    assert.equal(plain.claim, undefined);
    assert.equal(plain.url, `/bonus/requests/${plain.id}`);
  });
});

describe('support request types in the ACP through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const url = '/api/v3/plugins/bonus/admin/requests/types';
  const base = { subject: 'none', subjectOptional: true, fileRequired: false, asksSystem: false, enabled: true, order: 50 };

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
  });

  it('admins add, change, switch off and delete types in both languages; members and moderators may not; the admin\'s words are shown escaped', async () => {
    const admin = fake.agent(uid('admin'));
    const page = (await admin.get('/admin/plugins/bonus/requests?lang=ru').expect(200)).text;
    assert.match(page, /Образец в вирусную лабораторию/);
    for (const who of ['anna', 'moderator']) {
      await fake.agent(uid(who)).get('/admin/plugins/bonus/requests').expect(403);
      await fake.agent(uid(who)).put(`${url}/own`, { ...base, nameEn: 'x' }).expect(403);
      await fake.agent(uid(who)).delete(`${url}/general`, {}).expect(403);
    }
    await fake.agent(0).put(`${url}/own`, { ...base, nameEn: 'x' }).expect(401);
    // refusals
    assert.match((await admin.put(`${url}/Bad Id?lang=en-GB`, { ...base, nameEn: 'x' }).expect(400)).body.status.message, /1–30 small Latin letters/);
    assert.match((await admin.put(`${url}/own?lang=ru`, base).expect(400)).body.status.message, /Напишите название типа/);
    // a new type with the admin's words (markup and a key-like text stay words)
    await admin.put(`${url}/warranty`, { ...base, nameEn: 'Warranty <b>repair</b>', nameRu: '[[bonus:home.title]] ремонт', helpEn: 'h', helpRu: 'п' }).expect(200);
    const en = (await fake.agent(uid('anna')).get('/bonus/requests/new?lang=en-GB').expect(200)).text;
    assert.match(en, /Warranty &lt;b&gt;repair&lt;\/b&gt;/);
    const ru = (await fake.agent(uid('anna')).get('/bonus/requests/new?lang=ru').expect(200)).text;
    assert.match(ru, /\[\[bonus:home.title\]\] ремонт|&#91;&#91;bonus:home.title&#93;&#93; ремонт/);
    await fake.agent(uid('anna')).post('/api/v3/plugins/bonus/requests', { draft: { typeId: 'warranty', subject: 's', description: 'd' } }).expect(200);
    // a default switched off is no longer offered (nor accepted); its texts stay the language files'
    await admin.put(`${url}/presale`, { ...base, enabled: false }).expect(200);
    assert.doesNotMatch((await fake.agent(uid('anna')).get('/bonus/requests/new?lang=en-GB').expect(200)).text, /bonus-type-presale/);
    await fake.agent(uid('anna')).post('/api/v3/plugins/bonus/requests', { draft: { typeId: 'presale', subject: 's', description: 'd' } }).expect(400);
    assert.match((await admin.get('/admin/plugins/bonus/requests?lang=en-GB').expect(200)).text, /Pre-sale question/);
    // deleted: gone from the list; a filed request shows "type removed"
    const filed = (await fake.agent(uid('anna')).post('/api/v3/plugins/bonus/requests', { draft: { typeId: 'warranty', subject: 's2', description: 'd' } }).expect(200)).body.response.id;
    await admin.delete(`${url}/warranty`, {}).expect(200);
    await admin.delete(`${url}/warranty`, {}).expect(404);
    assert.doesNotMatch((await fake.agent(uid('anna')).get('/bonus/requests/new?lang=en-GB').expect(200)).text, /Warranty/);
    assert.match((await fake.agent(uid('anna')).get(`/bonus/requests/${filed}?lang=en-GB`).expect(200)).text, /Type removed/);
  });
});

describe('staff\'s saved replies through the fake host', function () {
  this.timeout(120_000);
  let fake: FakeHost;
  const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
  const url = '/api/v3/plugins/bonus/requests/saved-replies';

  beforeEach(async () => {
    fake = await createFakeHost();
    await seedDemo(fake);
    await seedLicences(fake);
  });

  it('staff save, list and delete replies and find them on a request\'s page; members never see them', async () => {
    const ids = await seedRequests(fake);
    const mod = fake.agent(uid('moderator'));
    for (const who of ['anna', 'pavel']) {
      await fake.agent(uid(who)).get(url).expect(404);
      await fake.agent(uid(who)).post(url, { title: 't', text: 'x' }).expect(404);
    }
    await fake.agent(0).get(url).expect(401);
    await mod.post(`${url}?lang=en-GB`, { title: '', text: 'x' }).expect(400);
    const saved = (await mod.post(url, { title: 'Send the log', text: 'Please attach the <log> file: Help > Support > Save report.' }).expect(200)).body.response;
    assert.ok(saved.id > 0);
    assert.equal((await fake.agent(uid('admin')).get(url).expect(200)).body.response.replies.length, 1);
    const page = (await mod.get(`/bonus/requests/${ids.app}?lang=en-GB`).expect(200)).text;
    assert.match(page, /data-bonus="saved-replies"/);
    assert.match(page, /data-text="Please attach the &lt;log&gt; file: Help &gt; Support &gt; Save report\."/);
    assert.match((await mod.get('/bonus/requests/queue?lang=en-GB').expect(200)).text, /Send the log/);
    const member = (await fake.agent(uid('pavel')).get(`/bonus/requests/${ids.app}?lang=en-GB`).expect(200)).text;
    assert.doesNotMatch(member, /Send the log|Save report/);
    await fake.agent(uid('pavel')).delete(`${url}/${saved.id}`, {}).expect(404);
    await mod.delete(`${url}/${saved.id}`, {}).expect(200);
    await mod.delete(`${url}/${saved.id}`, {}).expect(404);
  });
});

describe('support requests leak through no forum channel', function () {
  this.timeout(120_000);

  it('no topic, post or chat is made; another member\'s notifications, e-mails, profile and search see nothing of them', async () => {
    const fake = await createFakeHost();
    await seedDemo(fake);
    await seedLicences(fake);
    const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
    const topics = fake.forum.topics.size, posts = fake.forum.posts.size, messages = fake.messages.length;
    const before = { notes: fake.notifications.length, mails: fake.emails.length };
    await seedRequests(fake);
    assert.equal(fake.forum.topics.size, topics, 'no topic');
    assert.equal(fake.forum.posts.size, posts, 'no post');
    assert.equal(fake.messages.length, messages, 'no chat');
    const pavel = uid('pavel');
    // the requester is told of replies and status changes; the handlers (staff) of new requests; nobody else
    const handlers = await fake.plugin.services.requests.staffMembers();
    for (const n of fake.notifications.slice(before.notes)) {
      if (/requests\.notify\.new,/.test(String(n.notification.bodyShort))) assert.ok(n.uids.every((u) => handlers.includes(u)), 'new requests: handlers only');
      else assert.deepEqual(n.uids, [pavel], 'only the requester is told');
    }
    for (const m of fake.emails.slice(before.mails)) assert.equal(m.uid, pavel);
    const anna = fake.agent(uid('anna'));
    for (const p of ['/user/pavel/bonus', '/bonus', '/bonus/points', '/api/user/pavel/bonus', '/bonus/requests']) {
      const t = (await anna.get(p)).text;
      assert.doesNotMatch(t, /reinstalling|scan stops|birthday points this year/, p);
    }
  });
});
