import { okValue } from '../host/results';
import assert from 'node:assert/strict';
import { createFakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { FileTranslator } from '../host/translator';
import { templateSource } from '../host/template-helpers';
import { sampleCodes } from '../catalog/seed-catalog';
import { withoutScripts } from '../host/translator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const benchpress: { compileRender(tpl: string, data: unknown): Promise<string> } = require('benchpressjs');

/** Script if rendered raw; quotes to break attributes; Benchpress braces; a translation token; a placeholder. */
const HOSTILE = `<img src=x onerror=alert(1)>"'{{}}[[bonus:x]]%1`;
/** For fields of at most 20 characters (size labels). */
const SHORT = `<img src=x>"'[[x:y]]`;
const RAW = /<img src=x/i;
/** Text a member may write that NodeBB's tx helper and translator take for a key with an argument. */
const KEYLIKE = '[[bonus:order.title,ЖЯ]]';
const SHORT_KEYLIKE = 'bonus:order.title,ЖЯ';

/** Every place a raw payload shows, with a little context. */
function raw(where: string, html: string): string[] {
  const out: string[] = [];
  const re = new RegExp(RAW.source, 'gi');
  for (let m = re.exec(html); m; m = re.exec(html)) out.push(`${where}: …${html.slice(Math.max(0, m.index - 80), m.index + 40).replace(/\s+/g, ' ')}…`);
  return out;
}

/** What NodeBB 4.15.1 shows of a notification's long body: a translation key translated, else as given (tags but img/p/a stripped). */
function shownBodyLong(tr: FileTranslator, body: string, lang: string): string {
  const isKey = /^\[\[[^[\]\s,]+:[^[\]\s,]+[^]*\]\]$/.test(body);
  return isKey ? tr.translateSync(body, lang) : body.replace(/<(\/)?(?!img\b|p\b|a\b)([^\s>]+)(\s+[^<>]*?)?\s*(\/)?>/gi, '');
}

interface Output { where: string; text: string }

/**
 * The whole program with `text` (and `short` where at most 20 characters fit) in every field a member
 * or admin writes; returns every page (member and ACP, both languages), notification as shown, e-mail,
 * personal message and forum post the plugin produced.
 */
async function scenario(HOSTILE: string, SHORT: string): Promise<Output[]> {
    const fake = await createFakeHost();
    await seedDemo(fake);
    const f = fake.forum;
    const s = fake.plugin.services;
    const uid = (name: string) => [...f.users.values()].find((u) => u.username === name)!.uid;
    const admin = { uid: uid('admin') };
    const moderator = { uid: uid('moderator') };
    const anna = { uid: uid('anna') };
    const mallory = { uid: f.createUser({ username: 'mallory', groups: ['Activists'], email: 'mallory@example.org' }) };
    const russian = { uid: f.createUser({ username: 'misha', groups: ['Activists'], language: 'ru', email: 'misha@example.org' }) };
    // a member whose name is the text (the fake forum accepts any username; NodeBB refuses < > : ,)
    const eve = { uid: f.createUser({ username: `Eve ${HOSTILE}`, groups: ['Activists'], email: 'eve@example.org' }) };
    await fake.settle();

    // the catalog: a category, a product with hostile title, description and size labels, a stock reason
    const cat = await okValue(s.catalogAdmin.saveCategory(admin, { title: { 'en-GB': HOSTILE, ru: HOSTILE }, sortOrder: 9 }));
    const product = await okValue(s.catalogAdmin.create(admin, {
      kind: 'souvenir', visibility: 'on-sale', title: { 'en-GB': HOSTILE, ru: HOSTILE }, description: { 'en-GB': HOSTILE, ru: HOSTILE },
      priceInPoints: 2500, categoryId: cat.id, deliveryClass: 'clothing', variants: [{ label: SHORT, inStock: true }, { label: 'M', inStock: true }], sortOrder: 1,
    }));
    const license = await okValue(s.catalogAdmin.create(admin, {
      kind: 'license', visibility: 'on-sale', title: { 'en-GB': HOSTILE, ru: HOSTILE }, description: { 'en-GB': HOSTILE, ru: HOSTILE }, priceInPoints: 100, categoryId: cat.id, sortOrder: 2,
    }));
    await okValue(s.codes.importCodes(admin, license.id, { text: sampleCodes('SWEEP', 6).join('\n') }));
    for (const v of product.variants) await okValue(s.catalogAdmin.adjustStock(admin, product.id, { variantId: v.id, delta: 20, reason: HOSTILE }));
    await okValue(s.settings.update({ pickupPlace: HOSTILE }));

    // points: an operation with a comment, a warning, transfers with messages both ways
    for (const who of [mallory, russian]) await s.ledger.credit({ uid: who.uid, amount: 50_000, key: `sweep:${who.uid}`, reason: 'contest-win' });
    await okValue(s.operations.submit(admin, { operationKey: 'sweep-op-1', usernames: ['mallory', 'misha', `Eve ${HOSTILE}`], direction: 'award', amount: 10, reason: 'event', comment: HOSTILE }));
    for (const who of [mallory, russian]) await okValue(s.warnings.issue(moderator, { uid: who.uid, reason: HOSTILE, key: `sweep-warn-${who.uid}` }));
    await okValue(s.transfers.send(mallory, { to: 'anna', amount: 5, message: HOSTILE, key: 'sweep-transfer-1' }));
    await okValue(s.transfers.send(anna, { to: 'mallory', amount: 5, message: HOSTILE, key: 'sweep-transfer-2' }));
    await okValue(s.transfers.send(anna, { to: 'misha', amount: 5, message: HOSTILE, key: 'sweep-transfer-3' }));
    await okValue(s.transfers.send(anna, { to: `Eve ${HOSTILE}`, amount: 5, message: HOSTILE, key: 'sweep-transfer-4' }));
    await okValue(s.warnings.issue(moderator, { uid: eve.uid, reason: HOSTILE, key: 'sweep-warn-eve' }));
    await okValue(s.loans.apply(mallory, { amount: 500, months: 3 }));

    // an order with hostile contact, address, size and notes; delivered; a claim with hostile texts
    const orders: number[] = [];
    for (const [i, who] of [mallory, russian].entries()) {
      await okValue(s.cart.add(who, { productId: product.id, variantId: product.variants[0]!.id, quantity: 1 }));
      await okValue(s.cart.add(who, { productId: license.id, quantity: 1, region: 'RU' }));
      await okValue(s.checkout.saveContact(who, { name: HOSTILE, email: 'm@example.org', phone: '+7 900 000-00-00' }));
      await okValue(s.checkout.saveDelivery(who, { method: 'delivery', country: 'RU', region: HOSTILE, city: HOSTILE, address: HOSTILE, postcode: '101000' }));
      const { order } = await okValue(s.checkout.pay(who, { idempotencyKey: `sweep-order-000${i}` }));
      orders.push(order.id);
      await okValue(s.orders.setStatus(admin, order.id, { status: 'processing', note: HOSTILE }));
      await okValue(s.orders.setStatus(admin, order.id, { status: 'shipped', note: HOSTILE }));
      await okValue(s.orders.setStatus(admin, order.id, { status: 'delivered', note: HOSTILE }));
      const { claim } = await okValue(s.claims.open(who, { orderId: order.id, problem: 'damaged', description: HOSTILE, photos: ['https://example.org/x.png'], videoUrl: null, key: `sweep-claim-000${i}` }));
      await okValue(s.claims.addMessage(admin, claim.id, { text: HOSTILE }));
      await okValue(s.claims.addMessage(who, claim.id, { text: HOSTILE }));
    }
    for (const who of [mallory, russian]) await okValue(s.cart.add(who, { productId: product.id, variantId: product.variants[0]!.id, quantity: 1 }));
    // a ban with a reason (the ban deduction), then lifted so the member can still read pages
    f.ban(mallory.uid, { byUid: admin.uid, reason: HOSTILE });
    f.ban(russian.uid, { byUid: admin.uid, reason: HOSTILE });
    await fake.settle();
    f.unban(mallory.uid, admin.uid);
    f.unban(russian.uid, admin.uid);
    await fake.settle();
    await fake.runJobs();
    await fake.settle();

    // the sellers' programme: mallory's shop, an admin-named product, a rejection reason, all the text
    const retailProduct = await okValue(s.sellers.saveProduct(admin, { name: HOSTILE, points: 20, mode: 'review' }));
    await okValue(s.sellers.apply(mallory, { shopName: HOSTILE, city: HOSTILE, address: HOSTILE, eligible: true, code: 'HOSTL-00000-00000-00001', productId: retailProduct.id }));
    await okValue(s.sellers.apply(russian, { shopName: HOSTILE, city: HOSTILE, address: HOSTILE, eligible: true, code: 'HOSTL-00000-00000-00002', productId: retailProduct.id }));
    await okValue(s.sellers.approve(admin, mallory.uid));
    await okValue(s.sellers.approve(admin, russian.uid));
    await okValue(s.sellers.register(mallory, 'HOSTL-00000-00000-00003', retailProduct.id));
    for (const sale of await s.sellers.sales.sales(mallory.uid)) await s.sellers.sales.decide(sale.id, 'reject', HOSTILE);
    await okValue(s.sellers.register(russian, 'HOSTL-00000-00000-00004', retailProduct.id));
    // the prize shop: a hostile prize bought by misha (five accepted sales), tax details in the text,
    // a seller-points operation with a hostile comment
    await okValue(s.settings.update({ retailTaxThreshold: '0' }));
    await okValue(s.sellers.register(russian, ['05', '06', '07', '08'].map((n) => `HOSTL-00000-00000-000${n}`).join('\n'), retailProduct.id, '/assets/uploads/files/box.png'));
    for (const sale of await s.sellers.sales.sales(russian.uid)) await s.sellers.sales.decide(sale.id, 'approve');
    const prize = await okValue(s.catalogAdmin.create(admin, {
      kind: 'souvenir', programme: 'sellers', visibility: 'on-sale', title: { 'en-GB': HOSTILE, ru: HOSTILE }, description: { 'en-GB': HOSTILE, ru: HOSTILE }, priceInPoints: 50, categoryId: cat.id,
    }));
    await okValue(s.catalogAdmin.adjustStock(admin, prize.id, { delta: 5, reason: HOSTILE }));
    await okValue(s.operations.submit(admin, { operationKey: 'sweep-op-sellers', programme: 'sellers', usernames: ['misha'], direction: 'award', amount: 500, reason: 'event', comment: HOSTILE }));
    await s.cart.store.clear(russian.uid); // (a club item waits there: an order is paid in one programme)
    await okValue(s.cart.add(russian, { productId: prize.id, quantity: 1 }));
    const { order: prizeOrder } = await okValue(s.checkout.pay(russian, { idempotencyKey: 'sweep-prize-0001' }));
    await okValue(s.cart.add(russian, { productId: product.id, variantId: product.variants[0]!.id, quantity: 1 }));
    await okValue(s.sellers.tax.saveDetails(russian, { fullName: `${HOSTILE} Ivanov`.slice(0, 200), birthDate: '1990-01-01', address: `${HOSTILE} street`.slice(0, 500), taxNumber: '123456789012' }));

    // the sellers' photo contest: hostile captions, one accepted, one rejected with a hostile reason
    const entered = await okValue(s.contest.enter(mallory, { image: fake.forum.upload('sweep-1.png', 'one window'), caption: HOSTILE.slice(0, 300) }));
    const rejected = await okValue(s.contest.enter(russian, { image: fake.forum.upload('sweep-2.png', 'another window'), caption: HOSTILE.slice(0, 300) }));
    await okValue(s.contest.decide(admin, entered.id, 'accept', ''));
    await okValue(s.contest.decide(admin, rejected.id, 'reject', HOSTILE));
    // the training quizzes (issue 18): every text of a quiz is the text; misha has taken it, mallory not yet
    const tt = { 'en-GB': HOSTILE, ru: HOSTILE };
    const quiz = await okValue(s.quizzes.save(admin, 0, { title: tt, lesson: tt, pointsPerAnswer: 20, programmes: ['sellers'], groups: [], questions: [{ text: tt, options: [tt, tt], correct: [0], explanation: tt }, { text: tt, options: [tt, tt, tt], correct: [0, 2], explanation: tt }] }));
    await okValue(s.quizzes.publish(admin, quiz.id, true));
    await okValue(s.quizzes.submit(russian, quiz.id, { 1: [0], 2: [1] }));

    // support requests (issue 20): an admin's type named by the text; a request, a reply and a note written as it
    await s.requests.types();
    await s.requests.store.writeType({ id: 'sweep', name: tt, help: tt, subject: 'none', subjectOptional: true, fileRequired: false, asksSystem: true, handledBy: 'staff', enabled: true, order: 30 });
    const request = await okValue(s.requests.submit(mallory, { typeId: 'sweep', subject: HOSTILE.slice(0, 200), description: HOSTILE, os: HOSTILE.slice(0, 100), version: SHORT }));
    await okValue(s.requests.post(moderator, request.id, HOSTILE));
    await okValue(s.requests.post(moderator, request.id, HOSTILE, true));
    await okValue(s.requests.close(moderator, request.id));

    const claims = (await fake.agent(admin.uid).get('/api/admin/plugins/bonus/claims')).body as { claims?: { id: number }[] };
    const claimIds = (claims.claims ?? []).map((c) => c.id);
    const member = (who: { uid: number }, slug: string) => [
      '/bonus', '/bonus/points', '/bonus/store', `/bonus/store/product/${product.id}`, '/bonus/cart', '/bonus/checkout', '/bonus/orders',
      `/bonus/orders/${orders[who === mallory ? 0 : 1]!}`, '/bonus/purchases', '/bonus/top', '/bonus/warnings', '/bonus/transfer', '/bonus/loans',
      '/bonus/charity', `/user/${slug}/bonus`, `/user/${slug}/bonus-warnings`, '/bonus/sellers', '/bonus/sellers/contest', '/bonus/sellers/draw',
      '/bonus/sellers/quizzes', `/bonus/sellers/quizzes/${quiz.id}`, '/bonus/requests', '/bonus/requests/new',
      ...(who === mallory ? [`/bonus/requests/${request.id}`] : []),
      ...(who === russian ? ['/bonus/sellers/prizes', `/bonus/store/product/${prize.id}`, `/bonus/orders/${prizeOrder.id}`] : []),
    ];
    const adminPages = [
      '/bonus/warnings/all', '/user/mallory/bonus', '/user/mallory/bonus-warnings', '/user/misha/bonus', '/user/misha/bonus-warnings',
      ...claimIds.map((id) => `/bonus/claims/${id}`), ...orders.map((id) => `/bonus/orders/${id}`),
      '/admin/plugins/bonus', '/admin/plugins/bonus/catalog', `/admin/plugins/bonus/catalog/${product.id}`, '/admin/plugins/bonus/orders',
      '/admin/plugins/bonus/claims', '/admin/plugins/bonus/transfers', '/admin/plugins/bonus/loans', '/admin/plugins/bonus/settings',
      '/admin/plugins/bonus/operations',
      ...['applications', 'sellers', 'review', 'products', 'lists', 'prizes', 'tax'].map((tab) => `/admin/plugins/bonus/sellers?tab=${tab}`),
      `/admin/plugins/bonus/catalog/${prize.id}`, `/bonus/orders/${prizeOrder.id}`, '/admin/plugins/bonus/events', '/bonus/sellers/contest',
      '/admin/plugins/bonus/quizzes', `/admin/plugins/bonus/quizzes?edit=${quiz.id}`, '/bonus/requests/queue', `/bonus/requests/${request.id}`, '/admin/plugins/bonus/requests',
    ];
    const out: Output[] = [];
    let rendered = 0;
    for (const [who, pages] of [[mallory, member(mallory, 'mallory')], [russian, member(russian, 'misha')], [admin, adminPages]] as const) {
      for (const page of pages) {
        for (const lang of ['en-GB', 'ru']) {
          const res = await fake.agent(who.uid).get(`${page}${page.includes('?') ? '&' : '?'}lang=${lang}`);
          assert.equal(res.status, 200, `${page} (${lang}) answered ${res.status}`);
          // what the page shows (its data also rides along as JSON in a script, as NodeBB's _ajaxifyData)
          out.push({ where: `${page} ${lang}`, text: withoutScripts(res.text) });
          rendered += 1;
        }
      }
    }
    assert.ok(rendered > 60, `${rendered} pages rendered`);

    // the orders of the month as CSV (an admin download, opened in a spreadsheet)
    const csv = await fake.agent(admin.uid).get('/api/v3/plugins/bonus/admin/orders/export');
    assert.equal(csv.status, 200);
    out.push({ where: 'orders CSV', text: String((csv.body as { response: { csv: string } }).response.csv) });
    const tax = await fake.agent(admin.uid).get(`/api/v3/plugins/bonus/admin/retail/tax/export?year=${new Date(fake.clock.now()).getUTCFullYear()}`);
    out.push({ where: 'tax CSV', text: String((tax.body as { response: { csv: string } }).response.csv) });
    const tr = new FileTranslator();
    const lang = (u: number) => f.users.get(u)?.language ?? 'en-GB';
    for (const { notification: n, uids } of fake.notifications) {
      for (const u of uids) {
        out.push({ where: `notification ${n.nid} bodyShort`, text: tr.translateSync(n.bodyShort, lang(u)) });
        if (n.bodyLong) out.push({ where: `notification ${n.nid} bodyLong`, text: shownBodyLong(tr, n.bodyLong, lang(u)) });
      }
    }
    for (const e of fake.emails) {
      const html = await benchpress.compileRender(templateSource(`emails/${e.template}`), { ...e.params, _i18n: tr.i18n(lang(e.uid)) });
      out.push({ where: `e-mail ${e.template}`, text: html }, { where: `e-mail ${e.template} subject`, text: tr.translateSync(String(e.params.subject ?? ''), lang(e.uid)) });
    }
    for (const m of fake.messages) out.push({ where: `message to ${m.toUid}`, text: m.message });
    for (const p of f.posts.values()) out.push({ where: `post ${p.pid}`, text: p.content });
    assert.ok(fake.notifications.length > 5 && fake.messages.length > 0 && fake.emails.some((e) => e.uid === mallory.uid), 'the scenario notified, messaged and e-mailed');
    return out;
}

describe('escaping: a hostile string in every field a member or admin writes', function () {
  this.timeout(120_000);

  it('shows nowhere raw: pages and ACP in both languages, notifications, e-mails, messages, posts', async function () {
    // the CSV is plain text for a spreadsheet (its own test below): the text is in it as written
    const found = (await scenario(HOSTILE, SHORT)).filter((o) => !o.where.endsWith(' CSV')).flatMap((o) => raw(o.where, o.text));
    assert.deepEqual(found, [], `${found.length} raw payloads:\n${found.slice(0, 40).join('\n')}`);
  });

  it('starts no spreadsheet formula in the CSV export', async function () {
    const outputs = await scenario('=HYPERLINK("https://evil.example","x")', '=1+1');
    for (const file of ['orders CSV', 'tax CSV']) {
      const csv = outputs.find((o) => o.where === file)!.text;
      const cells = [...csv.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"'));
      assert.ok(cells.some((c) => c.includes('HYPERLINK')), `the text is in the ${file}`);
      assert.deepEqual(cells.filter((c) => /^[=+\-@\t\r]/.test(c)), [], file);
    }
  });

  it('is never taken for a translation key: text that looks like one is shown as written', async function () {
    // `[[bonus:order.title,ЖЯ]]` (and `bonus:order.title,ЖЯ`) is a key with an argument to NodeBB's tx helper ("Order #ЖЯ") and
    // translator; written by a member it must show as written, so every ЖЯ follows the key
    const outputs = await scenario(KEYLIKE, SHORT_KEYLIKE);
    const translated = outputs.flatMap((o) => [...o.text.matchAll(/ЖЯ/g)]
      .filter((m) => !o.text.slice(0, m.index).endsWith('bonus:order.title,'))
      .map((m) => `${o.where}: …${o.text.slice(Math.max(0, m.index! - 80), m.index! + 20).replace(/\s+/g, ' ')}…`));
    assert.ok(outputs.some((o) => o.text.includes(KEYLIKE)) && outputs.some((o) => o.text.includes(SHORT_KEYLIKE)), 'the text is shown');
    assert.deepEqual(translated, [], `${translated.length} translated:\n${translated.slice(0, 40).join('\n')}`);
  });
});
