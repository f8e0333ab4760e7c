/**
 * Issue 18 items 3–5 through the fake forum on the sandbox's sellers, on each database backend
 * (memory, and Redis when REDIS_URL is set): plays equal accepted codes under parallel starts; a
 * session pays floor(replayed score / 10) once under parallel submits; a claimed score is never
 * paid (the replay is); tampered, malformed, expired, foreign or too-fast records are refused in the
 * member's language and change nothing; the leaderboard keeps each seller's best verified score.
 */
import assert from 'node:assert/strict';
import { okValue, refuses } from '../host/results';
import { createFakeHost, type FakeHost } from '../host/index';
import { seedDemo } from '../host/sandbox';
import { backends } from '../ledger/backends';
import { encodeRuns, replay } from '../../lib/modules/game/domain-sim';
import { MAX_RUNS } from '../../lib/modules/game/service';
import { playScripted } from './play';

for (const backend of backends()) {
  describe(`box-code game on ${backend.name}`, function () {
    this.timeout(120_000);
    let fake: FakeHost;
    const uid = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)!.uid;
    const balance = async (name: string) => (await fake.plugin.services.sellers.ledger.balance(uid(name))).spendable;

    /** marat starts a play and plays a scripted game as long as it took (its record, not yet sent). */
    const playedByMarat = async (ticks = 60 * 60) => {
      const g = fake.plugin.services.game;
      const marat = { uid: uid('marat') };
      const session = await okValue(g.start(marat));
      const game = playScripted(session.seed, 20, ticks);
      assert.ok(game.score >= 10);
      fake.clock.advance(game.inputs.length * 17 + 5_000);
      return { g, marat, session, game, body: { inputs: encodeRuns(game.inputs), score: game.score } };
    };

    beforeEach(async () => {
      const db = await backend.open();
      fake = await createFakeHost({ wrapDb: () => db });
      await seedDemo(fake);
    });
    after(() => backend.close());

    it('plays equal accepted codes under parallel starts; members who are not sellers cannot play', async () => {
      const g = fake.plugin.services.game;
      const irina = uid('irina');
      const accepted = (await fake.plugin.services.sellers.member(irina))!.acceptedSales;
      assert.ok(accepted > 1);
      assert.equal(await g.playsLeft(irina), accepted);
      const starts = await Promise.all(Array.from({ length: accepted + 6 }, () => g.start({ uid: irina })));
      assert.equal(starts.filter((r) => r.ok).length, accepted);
      assert.ok(starts.filter((r) => !r.ok).every((r) => !r.ok && r.refusal.code === 'error.game.no-plays'));
      assert.equal(await g.playsLeft(irina), 0);
      assert.equal(await g.store.started(irina), accepted, 'refused starts gave their play back');
      await refuses(g.start({ uid: uid('anna') }), 'error.game.not-seller');
      // a newly accepted code gives one more play
      const code = 'KIS2R-00000-00000-00030';
      await okValue(fake.plugin.services.sellers.register({ uid: irina }, code, (await fake.plugin.services.sellers.products())[0].id));
      assert.equal(await g.playsLeft(irina), 1);
    });

    it('pays the replayed score once under parallel submits; a claimed score is not paid', async () => {
      const { g, marat, session, game } = await playedByMarat(60 * 90);
      const before = await balance('marat');
      // the browser claims a hundred times the score
      const body = { inputs: encodeRuns(game.inputs), score: game.score * 100 };
      const results = await Promise.all(Array.from({ length: 8 }, () => g.submit(marat, session.id, body)));
      const paid = results.filter((r) => r.ok);
      assert.equal(paid.length, 1);
      assert.ok(results.filter((r) => !r.ok).every((r) => !r.ok && ['error.game.session-used', 'error.game.submit-busy'].includes(r.refusal.code)));
      const v = paid[0].ok ? paid[0].value : null;
      assert.equal(v!.score, game.score, 'the replay\'s score, not the claim');
      assert.equal(v!.claimDiffered, true);
      assert.equal(v!.points, Math.floor(game.score / 10));
      assert.equal(await balance('marat'), before + Math.floor(game.score / 10));
      await refuses(g.submit(marat, session.id, body), 'error.game.session-used');
      assert.equal(await balance('marat'), before + Math.floor(game.score / 10));
      const board = await g.leaderboard(await g.month(fake.clock.now()));
      assert.deepEqual(board.map((r) => [r.uid, r.score]), [[marat.uid, game.score]]);
    });

    it('a session whose payment was cut short after its replay was stored is paid by the next submit, once', async () => {
      const g = fake.plugin.services.game;
      const marat = { uid: uid('marat') };
      const session = await okValue(g.start(marat));
      const game = playScripted(session.seed, 20, 60 * 60);
      assert.ok(game.score >= 10);
      // as a submit that took the session's lock and stored its replay, then died before paying
      assert.ok(await g.locks.tryLock(`session:${session.id}`, fake.clock.now(), 30_000));
      await g.store.finish(session.id, { status: 'verified', score: game.score, points: 0, ticks: game.inputs.length, month: '' });
      const before = await balance('marat');
      // its lease still runs: the play is being submitted
      await refuses(g.submit(marat, session.id, { inputs: [[1, 2]], score: 999_999 }), 'error.game.submit-busy');
      fake.clock.advance(31_000);
      const results = await Promise.all(Array.from({ length: 4 }, () => g.submit(marat, session.id, { inputs: [[1, 2]], score: 999_999 })));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.equal(await balance('marat'), before + Math.floor(game.score / 10));
      assert.equal((await g.store.session(session.id))!.status, 'paid');
      await refuses(g.submit(marat, session.id, { inputs: [[1, 2]] }), 'error.game.session-used');
    });

    it('a submit that stopped after taking the session (before storing its replay) loses nothing: the record sent again is paid once', async () => {
      const { g, marat, session, game, body } = await playedByMarat();
      // as a submit that took the session's lock and died before writing anything else
      assert.ok(await g.locks.tryLock(`session:${session.id}`, fake.clock.now(), 30_000));
      const before = await balance('marat');
      await refuses(g.submit(marat, session.id, body), 'error.game.submit-busy');
      assert.equal((await g.store.session(session.id))!.status, 'started');
      fake.clock.advance(31_000);
      const v = await okValue(g.submit(marat, session.id, body));
      assert.equal(v.score, game.score);
      assert.equal(await balance('marat'), before + Math.floor(game.score / 10));
      await refuses(g.submit(marat, session.id, body), 'error.game.session-used');
      assert.equal(await balance('marat'), before + Math.floor(game.score / 10));
    });

    it('a submit that stopped after paying (before marking the session paid) is completed by the next, without paying twice', async () => {
      const { g, marat, session, game, body } = await playedByMarat();
      const before = await balance('marat');
      // the whole submit, then its last write undone: the session stays `verified` with its payment made
      await okValue(g.submit(marat, session.id, body));
      await g.store.finish(session.id, { status: 'verified', score: game.score, points: 0, ticks: game.inputs.length, month: '' });
      const v = await okValue(g.submit(marat, session.id, body));
      assert.equal(v.score, game.score);
      assert.equal(await balance('marat'), before + Math.floor(game.score / 10));
      assert.equal((await g.store.session(session.id))!.status, 'paid');
    });

    it('tampered, malformed, foreign, too-fast and expired records are refused and change nothing', async () => {
      const g = fake.plugin.services.game;
      const irina = { uid: uid('irina') };
      const session = await okValue(g.start(irina));
      const game = playScripted(session.seed, 15, 60 * 60);
      const runs = encodeRuns(game.inputs);
      const before = await balance('irina');
      // more ticks than the time since the start allows
      await refuses(g.submit(irina, session.id, { inputs: runs }), 'error.game.replay-too-fast');
      fake.clock.advance(game.inputs.length * 17 + 5_000);
      await refuses(g.submit(irina, session.id, { inputs: [[1, 5000]] }), 'error.game.replay-bad-input');
      await refuses(g.submit(irina, session.id, { inputs: 'lots' }), 'error.game.bad-replay');
      await refuses(g.submit(irina, session.id, {}), 'error.game.bad-replay');
      await refuses(g.submit(irina, session.id, { inputs: [[40_000, 2]] }), 'error.game.replay-too-long');
      await refuses(g.submit({ uid: uid('marat') }, session.id, { inputs: runs }), 'error.game.no-session');
      await refuses(g.submit(irina, 999_999, { inputs: runs }), 'error.game.no-session');
      assert.equal(await balance('irina'), before);
      assert.equal((await g.store.session(session.id))!.status, 'started', 'refusals left the session open');
      // a tampered record is paid by what it replays to, never more
      const tampered = [...game.inputs];
      for (let i = 50; i < tampered.length; i += 1) tampered[i] = 640;
      const expected = replay(session.seed, encodeRuns(tampered));
      const r = await g.submit(irina, session.id, { inputs: encodeRuns(tampered), score: game.score });
      if (expected.ok) assert.equal(r.ok && r.value.score, expected.score);
      else assert.equal(!r.ok && r.refusal.code, `error.game.replay-${expected.reason}`);
      // expired: refused, the play is not given back
      const late = await okValue(g.start(irina));
      const plays = await g.playsLeft(irina.uid);
      fake.clock.advance(31 * 60_000);
      await refuses(g.submit(irina, late.id, { inputs: [[10, 2]] }), 'error.game.session-expired');
      assert.equal(await g.playsLeft(irina.uid), plays);
    });

    it('the leaderboard shows each seller once, however many of the best games one seller has', async () => {
      const g = fake.plugin.services.game;
      const month = await g.month(fake.clock.now());
      // 300 games of one seller above everyone else's (written as verified games are)
      for (let i = 0; i < 300; i += 1) await g.store.addScore(month, 1001, 5000 + i, 10_000 - i);
      await g.store.addScore(month, 1002, 9001, 50);
      await g.store.addScore(month, 1003, 9002, 40);
      await g.store.addScore(month, 1002, 9003, 30);
      const board = await g.leaderboard(month, 3);
      assert.deepEqual(board.map((r) => [r.uid, r.score]), [[1001, 10_000], [1002, 50], [1003, 40]]);
    });

    it('refusals over HTTP are in the member\'s language; the page shows plays left and the leaderboard', async () => {
      const irina = uid('irina');
      const agent = fake.agent(irina);
      const res = await agent.post('/api/v3/plugins/bonus/sellers/game/sessions/123456').send({ inputs: [[1, 2]] });
      assert.equal(res.status, 404);
      assert.match(JSON.stringify(res.body), /Такой игры нет/);
      const page = await agent.get('/bonus/sellers/game?lang=ru').expect(200);
      assert.match(page.text, /Осталось: \d+ (игр|игры|игра)</);
      assert.match(page.text, /data-bonus="canvas"/);
      const en = await agent.get('/bonus/sellers/game?lang=en-GB').expect(200);
      assert.match(en.text, /No verified scores this month yet/);
      const sellers = await agent.get('/bonus/sellers?lang=en-GB').expect(200);
      assert.match(sellers.text, /data-bonus="game-plays">\d+ plays? left</);
    });

    it('the longest record the replay accepts fits under NodeBB\'s 1 MB body limit and reaches the replay', async () => {
      const irina = uid('irina');
      const agent = fake.agent(irina);
      const session = await okValue(fake.plugin.services.game.start({ uid: irina }));
      // the worst case: the input changes every tick for the longest game (the widest values)
      const runs = Array.from({ length: MAX_RUNS }, (_v, i) => [i % 2 ? 639 : 638, 1]);
      const bytes = Buffer.byteLength(JSON.stringify({ inputs: runs, score: 999_999 }));
      assert.ok(bytes < 1024 * 1024, `${bytes} bytes`);
      fake.clock.advance(11 * 60_000);
      const res = await agent.post(`/api/v3/plugins/bonus/sellers/game/sessions/${session.id}`).send({ inputs: runs, score: 999_999 });
      assert.notEqual(res.status, 413, 'the body parser took it');
      assert.ok(res.status === 200 || res.status === 400 || res.status === 409, String(res.status));
      // one run more than the bound is refused by the game, not the parser
      const session2 = await okValue(fake.plugin.services.game.start({ uid: irina }));
      const over = await agent.post(`/api/v3/plugins/bonus/sellers/game/sessions/${session2.id}`).send({ inputs: [...runs, [0, 1]] });
      assert.equal(over.status, 400);
      assert.match(JSON.stringify(over.body), /record|запис/i);
    });
  });
}
