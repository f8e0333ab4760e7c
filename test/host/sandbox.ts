/**
 * `npm start`: the sandbox forum. The plugin exactly as built (build/, through plugin.json) on the
 * fake host, with demo members of every program group, earning and non-earning categories, a few
 * topics, the club's catalog, some points history, and a bar to switch member and language, post,
 * and move the clock (every job runs once after a move).
 *
 * The bar is a development tool, not part of the plugin: its few labels are English on purpose.
 */
import { okValue } from './results';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { RequestContext } from '../../lib/host/index';
import { seedCatalog, seedPrizes } from '../catalog/seed-catalog';
import { createFakeHost, type FakeHost } from '.';
import { seedQuizzes } from './sandbox-quizzes';
import { seedLicences } from './sandbox-licences';
import { seedRequests } from './sandbox-requests';
import type { Session } from './http';
import { playScripted } from '../game/play';
import { encodeRuns } from '../../lib/modules/game/domain-sim';
import { seedEconomy } from './sandbox-economy';

const H = 3_600_000;
const D = 24 * H;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function seedDemo(fake: FakeHost): Promise<void> {
  const f = fake.forum;
  const admin = f.createUser({ username: 'admin', groups: ['administrators'], email: 'admin@example.org' });
  const moderator = f.createUser({ username: 'moderator', groups: ['Global Moderators'] });
  const people: [string, string, string, string][] = [
    ['nina', 'Newcomers', '1994-09-20', 'en-GB'],
    ['pavel', 'Participants', '1988-10-05', 'ru'],
    ['anna', 'Activists', '09/12/1990', 'ru'],
    ['konstantin', 'Consultants', '1979-08-30', 'ru'],
    ['olga', 'Old-timers', '1975-02-29', 'en-GB'],
    ['sergey', 'Club council', '1970-11-11', 'ru'],
    ['boris', 'Participants', '', 'ru'],
  ];
  const uids: Record<string, number> = {};
  // nina and boris never confirmed their e-mail: NodeBB sends them no e-mail at all.
  for (const [name, group, birthday, language] of people) uids[name] = f.createUser({ username: name, groups: [group], birthday, language, emailConfirmed: !['nina', 'boris'].includes(name) });
  const club = f.createCategory('Club life', { moderators: [moderator] });
  const reviews = f.createCategory('Reviews');
  const offTopic = f.createCategory('Off-topic');
  await fake.host.settings.set('bonus', { earningCids: `${club},${reviews}` });
  const ops = f.createTopic(admin, offTopic, 'Points operations', 'Awards and deductions are published here.');
  await fake.host.settings.set('bonus', { ...(await fake.host.settings.get('bonus')), operationsTid: String(ops.tid) });
  await fake.settle();

  const services = fake.plugin.services;
  const ids = await seedCatalog(services, { uid: admin });
  // History: a week ago, posts that have matured since; an admin operation; today, posts still pending.
  fake.clock.advance(-7 * D);
  const t = f.createTopic(uids.anna, club, 'Autumn meetup', 'Who is coming on Saturday?');
  for (const name of ['konstantin', 'olga', 'sergey', 'pavel', 'anna']) f.reply(uids[name], t.tid, 'Count me in');
  f.createTopic(uids.olga, reviews, 'Thermos review', 'Keeps tea hot for 12 hours.');
  await fake.settle();
  fake.clock.advance(7 * D);
  await fake.runJobs();
  await okValue(services.operations.submit({ uid: admin }, {
    operationKey: 'sandbox-seed-1', usernames: ['anna', 'sergey', 'olga'], direction: 'award', amount: 2500, reason: 'event', comment: 'Summer meetup',
  }));
  await okValue(services.operations.submit({ uid: admin }, {
    operationKey: 'sandbox-seed-2', usernames: ['konstantin'], direction: 'award', amount: 1500, reason: 'souvenir-review', comment: '',
  }));
  // Member finance: the charity account ("Good deed"), two transfers, an open loan and an application.
  f.createUser({ username: 'gooddeed', groups: ['Participants'], language: 'ru' });
  await fake.host.settings.set('bonus', { ...(await fake.host.settings.get('bonus')), charityUsername: 'gooddeed', loanApproval: 'admin' });
  await fake.settle();
  await okValue(services.transfers.send({ uid: uids.anna }, { to: 'gooddeed', amount: 150, message: 'For the Good deed', key: 'sandbox-transfer-1' }));
  await okValue(services.transfers.send({ uid: uids.sergey }, { to: 'anna', amount: 200, message: 'Thanks for the meetup', key: 'sandbox-transfer-2' }));
  const loan = await okValue(services.loans.apply({ uid: uids.olga }, { amount: 1500, months: 6 }));
  await okValue(services.loans.approve({ uid: admin }, loan.id));
  await okValue(services.loans.repay({ uid: uids.olga }, { id: loan.id, amount: 300, key: 'sandbox-repay-1' }));
  await okValue(services.loans.apply({ uid: uids.konstantin }, { amount: 1000, months: 3 }));

  const today = f.createTopic(uids.konstantin, club, 'Photo contest', 'Post your shop-window photos.');
  f.reply(uids.anna, today.tid, 'Here is mine');
  f.reply(uids.boris, today.tid, 'And mine');
  const advert = f.reply(uids.boris, today.tid, 'Cheap phone cases, write to me!');
  f.createTopic(uids.pavel, offTopic, 'Weather', 'Not an earning category.');
  await fake.settle();
  // A warning from the post's tools, so the warning centre has something to show.
  await okValue(services.warnings.issue({ uid: moderator }, { pid: advert, reason: 'Advertising in the photo contest' }));

  // Checkout: the groups' promo codes, a pickup place, and one order of olga's already being processed.
  await okValue(services.settings.update({
    promoCodeActivists: 'ACTIVIST15', promoCodeConsultants: 'CONSULT25', promoCodeOldTimers: 'OLDTIMER35', promoCodeClubCouncil: 'COUNCIL35',
    pickupPlace: 'Club office, Moscow, Tverskaya 1: Mondays 18:00–20:00',
  }));
  const olga = { uid: uids.olga };
  await services.ledger.credit({ uid: olga.uid, amount: 3000, key: 'sandbox:olga:contest', reason: 'contest-win' });
  await okValue(services.cart.add(olga, { productId: ids.kis, quantity: 1, region: 'RU' }));
  await okValue(services.cart.add(olga, { productId: ids.thermos, quantity: 1 }));
  await okValue(services.checkout.saveContact(olga, { name: 'Olga Smirnova', email: 'olga@example.org', phone: '+7 912 345-67-89' }));
  await okValue(services.checkout.saveDelivery(olga, { method: 'delivery', country: 'RU', region: 'Moscow region', city: 'Khimki', address: 'Lenina 5, flat 12', postcode: '141400' }));
  const { order } = await okValue(services.checkout.pay(olga, { idempotencyKey: 'sandbox-order-0001', promoCode: 'OLDTIMER35' }));
  await okValue(services.orders.setStatus({ uid: admin }, order.id, { status: 'processing', note: '' }));
  // A delivered order of konstantin's with an open claim (a damaged item) and the store team's answer.
  const konstantin = { uid: uids.konstantin };
  await services.ledger.credit({ uid: konstantin.uid, amount: 3000, key: 'sandbox:konstantin:contest', reason: 'contest-win' });
  await okValue(services.cart.add(konstantin, { productId: ids.mug, quantity: 10 }));
  await okValue(services.checkout.saveContact(konstantin, { name: 'Konstantin Orlov', email: 'konstantin@example.org', phone: '+7 903 111-22-33' }));
  await okValue(services.checkout.saveDelivery(konstantin, { method: 'delivery', country: 'RU', region: 'Moscow', city: 'Moscow', address: 'Arbat 10, flat 3', postcode: '119002' }));
  const delivered = (await okValue(services.checkout.pay(konstantin, { idempotencyKey: 'sandbox-order-0002' }))).order;
  await okValue(services.orders.setStatus({ uid: admin }, delivered.id, { status: 'processing', note: '' }));
  await okValue(services.orders.setStatus({ uid: admin }, delivered.id, { status: 'delivered', note: '' }));
  const { claim } = await okValue(services.claims.open(konstantin, {
    orderId: delivered.id, problem: 'damaged', description: 'У двух кружек из десяти сколы на краю, коробка была помята.',
    photos: ['https://picsum.photos/id/225/800/600'], videoUrl: null, key: 'sandbox-claim-0001',
  }));
  await okValue(services.claims.addMessage({ uid: admin }, claim.id, { text: 'Простите! Можем прислать новые кружки или вернуть за них баллы — как вам удобнее?' }));
  await okValue(services.cart.add({ uid: uids.anna }, { productId: ids.mug, quantity: 2 }));
  // A member whose name (and so NodeBB's slug) is Cyrillic, with some points.
  const fyodor = f.createUser({ username: 'Фёдор', groups: ['Participants'], language: 'ru' });
  await services.ledger.credit({ uid: fyodor, amount: 120, key: 'sandbox:fyodor:welcome', reason: 'other' });
  await seedSellers(fake, admin);
}

/**
 * The retail sellers' programme (issue 16, item 9): the KIS 2-PC box checked against an imported
 * registry, the 3-PC box by review; a blacklist; sellers at three stages (marat: new, 2 sales; irina:
 * 7 sales, may order a prize; denis: a sale under review) and timur's application waiting.
 */
async function seedSellers(fake: FakeHost, admin: number): Promise<void> {
  const f = fake.forum;
  const r = fake.plugin.services.sellers;
  const a = { uid: admin };
  const code = (prefix: string, n: number) => `${prefix}-00000-00000-${String(n).padStart(5, '0')}`;
  const products = await r.products();
  await okValue(r.saveProduct(a, { ...products[0], mode: 'registry' }));
  await okValue(r.importCodes(a, 'registry', products[0].id, Array.from({ length: 40 }, (_, i) => code('KIS2R', i + 1)).join('\n')));
  await okValue(r.importCodes(a, 'blacklist', '', [code('STOLN', 1), code('STOLN', 2)].join('\n')));
  const seller = async (username: string, language: string, shop: [string, string, string], first: string, product: string) => {
    const uid = f.createUser({ username, groups: ['Participants'], language, email: `${username}@example.org` });
    await okValue(r.apply({ uid }, { shopName: shop[0], city: shop[1], address: shop[2], eligible: true, code: first, productId: product }));
    return uid;
  };
  const [kis2, kis3] = [products[0].id, products[1].id];
  const marat = await seller('marat', 'ru', ['Компьютерный мир', 'Казань', 'ул. Баумана, 12'], code('KIS3M', 1), kis3);
  await okValue(r.approve(a, marat));
  const first = (await r.sales.sales(marat))[0];
  await r.sales.decide(first.id, 'approve');
  await okValue(r.register({ uid: marat }, code('KIS2R', 1), kis2));
  const irina = await seller('irina', 'ru', ['Цифровой дом', 'Самара', 'пр. Ленина, 5'], code('KIS2R', 2), kis2);
  await okValue(r.approve(a, irina));
  await r.sales.decide((await r.sales.sales(irina))[0].id, 'approve');
  await okValue(r.register({ uid: irina }, [3, 4, 5, 6, 7, 8].map((n) => code('KIS2R', n)).join('\n'), kis2));
  const denis = await seller('denis', 'en-GB', ['Tech Corner', 'Moscow', 'Tverskaya 7'], code('KIS2R', 9), kis2);
  await okValue(r.approve(a, denis));
  await r.sales.decide((await r.sales.sales(denis))[0].id, 'approve');
  await okValue(r.register({ uid: denis }, code('KIS3D', 1), kis3));
  await seller('timur', 'ru', ['Софт-Маркет', 'Уфа', 'ул. Ленина, 40'], code('KIS3T', 1), kis3);
  // the prize shop; irina (7 sales, eligible) also has seller points from an earlier season to spend
  await seedPrizes(fake.plugin.services, a);
  await r.ledger.credit({ uid: irina, amount: 900, key: 'sandbox:irina:earlier-season', reason: 'other' });
}

/**
 * Issue 17, the sellers' monthly events (`npm start` and the events' browser test; not the other
 * suites' seed): more sellers with sales in August; August's contest judged and published and
 * August's draw frozen and drawn (the rules' formula); September's contest in voting with this
 * month's prizes announced. The demo accounts are made a year old and one post is enough to vote
 * here (the rule's default asks for 10), so the demo members can vote.
 */
export async function seedEvents(fake: FakeHost): Promise<void> {
  const s = fake.plugin.services;
  const f = fake.forum;
  const uid = (name: string) => [...f.users.values()].find((u) => u.username === name)!.uid;
  const admin = { uid: uid('admin') };
  const r = s.sellers;
  const code = (n: number) => `KIS2R-00000-00000-${String(n).padStart(5, '0')}`;
  const kis2 = (await r.products())[0].id;
  const now = fake.clock.now();
  // the demo photos as members' uploads of the forum (the contest takes nothing else)
  const image = (n: number) => fake.forum.upload(`window-${n}.png`, fs.readFileSync(path.join(__dirname, '../../../test/host/client/contest', `window-${n}.png`)));
  const prizes = (month: string) => [
    { name: month === '2026-08' ? 'Категория 1' : 'Category 1', prize: 'Зарядное устройство компактное', value: 1500, minSales: 1, group: '', payAs: 'goods' as const },
    { name: month === '2026-08' ? 'Категория 2' : 'Category 2', prize: 'Зарядное устройство повышенной ёмкости', value: 2500, minSales: 3, group: '', payAs: 'goods' as const },
    { name: month === '2026-08' ? 'Категория 3' : 'Category 3', prize: 'Мышь беспроводная', value: 1200, minSales: 5, group: '', payAs: 'goods' as const },
    { name: month === '2026-08' ? 'Категория 4' : 'Category 4', prize: 'Жёсткий диск', value: 5000, minSales: 10, group: '', payAs: 'goods' as const },
  ];

  // August: five more sellers, sales, the month's prizes and contest
  fake.clock.set(Date.parse('2026-08-10T09:00:00Z'));
  await okValue(s.draw.announce(admin, '2026-08', prizes('2026-08')));
  let next = 10;
  const sales: Record<string, number> = { irina: 2, marat: 1, denis: 1, alexey: 3, vera: 1, gleb: 5, lena: 1, oleg: 0 };
  for (const [name, city] of [['alexey', 'Пермь'], ['vera', 'Томск'], ['gleb', 'Омск'], ['lena', 'Сочи'], ['oleg', 'Курск']]) {
    const u = f.createUser({ username: name, groups: ['Participants'], language: 'ru', email: `${name}@example.org` });
    await okValue(r.apply({ uid: u }, { shopName: `Магазин ${city}`, city, address: 'ул. Мира, 1', eligible: true, code: code(next++), productId: kis2 }));
    await okValue(r.approve(admin, u));
    await r.sales.decide((await r.sales.sales(u))[0].id, 'approve');
  }
  for (const [name, n] of Object.entries(sales)) {
    if (n > 0) await okValue(r.register({ uid: uid(name) }, Array.from({ length: n }, () => code(next++)).join('\n'), kis2));
  }
  for (const u of f.users.values()) u.joindate -= 365 * D;
  await okValue(s.settings.update({ contestVoterMinPosts: '1' }));
  const c = s.contest;
  const august: Record<string, number> = {};
  const captions: [string, number, string][] = [
    ['irina', 1, 'Витрина «Цифрового дома» к 1 сентября'], ['marat', 2, 'Компьютерный мир: всё для защиты'], ['denis', 3, 'Tech Corner, back to school'],
    ['gleb', 4, 'Омск: новая полка антивирусов'], ['vera', 5, 'Томск, витрина у кассы'],
  ];
  for (const [name, n, caption] of captions) {
    august[name] = (await okValue(c.enter({ uid: uid(name) }, { image: image(n), caption }))).id;
    await okValue(c.decide(admin, august[name], 'accept', ''));
  }
  for (const [voter, choice] of [['anna', 'gleb'], ['olga', 'irina'], ['konstantin', 'gleb'], ['sergey', 'vera'], ['pavel', 'irina'], ['boris', 'gleb']] as const) {
    const v = await c.vote({ uid: uid(voter) }, august[choice]);
    if (!v.ok && voter !== 'boris') throw new Error(`sandbox vote of ${voter}: ${v.refusal.code}`);
  }

  // September 1st: the jury ranks, the admin publishes August; August's draw is frozen and drawn
  fake.clock.set(now);
  for (const juror of ['sergey', 'konstantin']) f.joinGroup(uid(juror), 'Contest jury');
  await okValue(c.rank({ uid: uid('sergey') }, '2026-08', [august.irina, august.gleb, august.marat, august.vera, august.denis]));
  await okValue(c.rank({ uid: uid('konstantin') }, '2026-08', [august.gleb, august.irina, august.vera, august.marat, august.denis]));
  await okValue(c.setPlaces(admin, '2026-08', [august.irina, august.gleb, august.marat, august.vera, august.denis]));
  await okValue(c.publish(admin, '2026-08'));
  await okValue(s.draw.freeze(admin, '2026-08'));
  await okValue(s.draw.enterRate(admin, '2026-08', { rate: '91.3756', rateDate: '2026-08-31', mode: 'rules' }));

  // September: this month's prizes announced; the contest open, a few entries and votes
  await okValue(s.draw.announce(admin, '2026-09', prizes('2026-09')));
  const september: Record<string, number> = {};
  for (const [name, n, caption] of [['irina', 6, 'Осенняя витрина'], ['alexey', 7, 'Пермь: защита для всей семьи'], ['lena', 8, 'Сочи, витрина у входа']] as const) {
    september[name] = (await okValue(c.enter({ uid: uid(name) }, { image: image(n), caption }))).id;
    await okValue(c.decide(admin, september[name], 'accept', ''));
  }
  await okValue(c.vote({ uid: uid('olga') }, september.irina));
  await okValue(c.vote({ uid: uid('anna') }, september.lena));
  await fake.settle();
}

async function bar(_ctx: RequestContext, session: Session, fake: FakeHost): Promise<string> {
  const users = [...fake.forum.users.values()];
  const options = [`<option value="0"${session.uid === 0 ? ' selected' : ''}>guest</option>`,
    ...users.map((u) => `<option value="${u.uid}"${u.uid === session.uid ? ' selected' : ''}>${esc(u.username)}</option>`)].join('');
  const topics = [...fake.forum.topics.values()].map((t) => `<option value="${t.tid}">${esc(t.title)}</option>`).join('');
  const cats = [...fake.forum.categories.values()].map((c) => `<option value="${c.cid}">${esc(c.name)}</option>`).join('');
  const links = [['/bonus', 'Bonus'], ['/bonus/points', 'Points'], ['/bonus/store', 'Store'], ['/bonus/cart', 'Cart'], ['/bonus/orders', 'Orders'], ['/bonus/top', 'Top'], ['/bonus/warnings', 'Warnings'], ['/bonus/transfer', 'Transfer'], ['/bonus/loans', 'Loans'], ['/bonus/charity', 'Charity'], ['/bonus/sellers/contest', 'Contest'], ['/bonus/sellers/draw/2026-08', 'Draw'], ['/bonus/sellers/quizzes', 'Quizzes'], ['/admin/plugins/bonus', 'ACP']]
    .map(([u, l]) => `<a class="link-light me-2" href="${u}">${l}</a>`).join('');
  return `<div class="bg-dark text-light small py-2" data-sandbox-bar>
<div class="container d-flex flex-wrap gap-2 align-items-center">
<strong class="me-2">Sandbox</strong>${links}
<form method="post" action="/sandbox/as" class="d-flex gap-1"><label class="visually-hidden" for="sb-as">Member</label><select id="sb-as" name="uid" class="form-select form-select-sm" onchange="this.form.submit()">${options}</select></form>
<a class="link-light" href="?lang=en-GB">EN</a><a class="link-light" href="?lang=ru">RU</a>
<span class="ms-2">${esc(new Date(fake.clock.now()).toISOString().slice(0, 16).replace('T', ' '))} UTC</span>
<form method="post" action="/sandbox/clock" class="d-flex gap-1">${[['1h', H], ['1d', D], ['2d', 2 * D], ['1w', 7 * D], ['1mo', 30 * D]].map(([l, ms]) => `<button class="btn btn-sm btn-outline-light" name="ms" value="${ms}">+${l}</button>`).join('')}</form>
<form method="post" action="/sandbox/reply" class="d-flex gap-1"><select name="tid" class="form-select form-select-sm" aria-label="Topic">${topics}</select><input name="content" class="form-control form-control-sm" aria-label="Reply" placeholder="reply"><button class="btn btn-sm btn-light">Reply</button></form>
<form method="post" action="/sandbox/topic" class="d-flex gap-1"><select name="cid" class="form-select form-select-sm" aria-label="Category">${cats}</select><input name="title" class="form-control form-control-sm" aria-label="Title" placeholder="new topic"><button class="btn btn-sm btn-light">Post</button></form>
</div></div>`;
}

/** The sandbox: the fake host with the bar, demo data, and the bar's routes (login, clock, posting). */
export async function createSandbox(options: { events?: boolean; quizzes?: boolean; economy?: boolean } = {}): Promise<FakeHost> {
  const fake = await createFakeHost({ bar });
  await seedDemo(fake);
  await seedLicences(fake);
  await seedRequests(fake);
  if (options.events) await seedEvents(fake);
  if (options.quizzes) await seedQuizzes(fake);
  if (options.events) await seedGame(fake);
  // issue 21: 60 days of points history for the ACP dashboard
  if (options.economy) await seedEconomy(fake);
  const app = fake.http.app;
  const back = (req: express.Request) => req.get('referer') ?? '/bonus';
  app.post('/sandbox/as', (req, res) => {
    fake.http.session(req, res).uid = Number(req.body.uid) || 0;
    res.redirect(back(req));
  });
  app.get('/login', (req, res) => {
    const users = [...fake.forum.users.values()].map((u) => `<li><form method="post" action="/sandbox/as"><input type="hidden" name="uid" value="${u.uid}"><button class="btn btn-link">${esc(u.username)}</button></form></li>`).join('');
    fake.http.session(req, res);
    res.send(`<!doctype html><link rel="stylesheet" href="/assets/bootstrap/css/bootstrap.min.css"><main class="container py-4"><h1 class="fs-4">Sandbox: log in as</h1><ul class="list-unstyled">${users}</ul></main>`);
  });
  app.post('/sandbox/clock', async (req, res) => {
    fake.clock.advance(Number(req.body.ms) || 0);
    await fake.runJobs();
    await fake.settle();
    res.redirect(back(req));
  });
  app.post('/sandbox/reply', async (req, res) => {
    const uid = fake.http.session(req, res).uid;
    if (uid > 0) fake.forum.reply(uid, Number(req.body.tid), String(req.body.content || '…'));
    await fake.settle();
    res.redirect(back(req));
  });
  app.post('/sandbox/topic', async (req, res) => {
    const uid = fake.http.session(req, res).uid;
    if (uid > 0) fake.forum.createTopic(uid, Number(req.body.cid), String(req.body.title || '…'), '…');
    await fake.settle();
    res.redirect(back(req));
  });
  app.get('/', (_req, res) => res.redirect('/bonus'));
  return fake;
}

/**
 * Issue 18, the box-code game (`npm start` and the game's browser test): irina and marat each
 * played one scripted game, verified by replay, so the month's leaderboard has two scores and
 * irina still has plays left from her accepted codes.
 */
export async function seedGame(fake: FakeHost): Promise<void> {
  const g = fake.plugin.services.game;
  for (const [name, skill] of [['irina', 18], ['marat', 30]] as const) {
    const caller = { uid: [...fake.forum.users.values()].find((u) => u.username === name)!.uid };
    const session = await okValue(g.start(caller));
    const game = playScripted(session.seed, skill, 60 * 120);
    fake.clock.advance(Math.ceil((game.inputs.length * 1000) / 60) + 2_000);
    await okValue(g.submit(caller, session.id, { inputs: encodeRuns(game.inputs) }));
  }
}

async function main(): Promise<void> {
  const fake = await createSandbox({ events: true, quizzes: true, economy: true });
  // the demo's clock follows real time between the bar's jumps, so a game played here takes as long
  // on the forum's clock as it did in the browser (the game refuses a record longer than its session)
  setInterval(() => fake.clock.advance(1000), 1000).unref();
  const port = Number(process.env.PORT ?? 4567);
  await fake.listen(port);
  console.log(`Sandbox forum with the bonus plugin: http://127.0.0.1:${port}/bonus (log in at /login)`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
