/**
 * The shop-window photo contest (seed 004 §6.2.3, issue 17 items 1–4) as sellers, voters, jurors
 * and admins meet it.
 *
 * - An entry is a photo through NodeBB's uploader and a caption; one contest per month (the
 *   programme's zone); at most `contestEntriesPerMonth` per seller (checked under the seller's
 *   lock); the same photo (content hash) is refused. An accepted entry pays `contestEntryPoints`
 *   once (its ledger key).
 * - A vote is one field per voter (store.ts): parallel votes leave one; changeable until the month
 *   ends; never for one's own entry; voters are members of the chosen groups whose account is old
 *   and active enough (the rule is shown). Counts are never sent before the results.
 * - Jurors rank; the admin sets places 1–5 and publishes, under a lease: payouts by ledger keys
 *   (paid once however often it is repeated), tax records by their keys, the Announcer's key.
 */
import { refusable, type Result } from '../../kernel/result';
import type { Caller, Host } from '../../host';
import { BonusError, counted, countedToken, translationToken, type ErrorArg } from '../../kernel/errors';
import { EventLocks, monthPeriod } from './locks';
import { monthOf, type Period } from '../../kernel/periods';
import { assertAdmin, isSafeImageUrl } from '../catalog';
import type { SettingsService, ProgramSettings } from '../settings';
import type { SellersService } from '../retail';
import type { Announcer } from '../publishing';
import { audienceChoice, contestPhase, juryAverages, tally, validPlaces, voterEligible, voterOrder, type ContestPhase } from './domain-contest';
import { audienceKey, entryKey, placeKey } from './ledger-keys';
import { EventsStore, type ContestState, type Entry } from './store';
import { titleInBoth } from './service-titles';

const LOCK_MS = 30_000;
export const CAPTION_MAX = 300;

export interface VoterStatus {
  /** May vote now (phase open and eligible). */
  canVote: boolean;
  /** Why not, as a key under `events.vote-refusal.` (null when they may). */
  reason: 'not-logged-in' | 'group' | 'account-age' | 'posts' | 'closed' | null;
}

export class ContestService {
  readonly store: EventsStore;
  private readonly locks: EventLocks;

  constructor(private readonly host: Host, private readonly settings: SettingsService, private readonly sellers: SellersService, private readonly announcer: Announcer) {
    this.store = new EventsStore(host.db);
    this.locks = new EventLocks(host, LOCK_MS);
  }

  /** The contest month of an instant (the programme's zone). */
  async monthAt(ms: number): Promise<Period> {
    return monthOf(ms, (await this.settings.get()).timeZone);
  }

  async period(month: string): Promise<Period> {
    return monthPeriod(month, (await this.settings.get()).timeZone, 'error.events.no-contest');
  }

  async phase(month: string): Promise<ContestPhase> {
    const [p, state] = await Promise.all([this.period(month), this.store.contest(month)]);
    return contestPhase(this.host.clock.now(), p.end, state.published);
  }

  private underLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    return this.locks.run(name, fn);
  }

  // --- entries ---

  enter(caller: Caller, input: { image?: unknown; caption?: unknown }): Promise<Result<Entry>> {
    return refusable(() => this.doEnter(caller, input));
  }

  private async doEnter(caller: Caller, input: { image?: unknown; caption?: unknown }): Promise<Entry> {
    if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
    if (!(await this.sellers.isActive(caller.uid))) throw new BonusError('error.events.not-a-seller', [], 'forbidden');
    const image = typeof input.image === 'string' ? input.image.trim() : '';
    const caption = typeof input.caption === 'string' ? input.caption.trim() : '';
    if (!image || !isSafeImageUrl(image) || !/\.(jpe?g|png|webp|gif)(?:[?#].*)?$/i.test(image)) throw new BonusError('error.events.image');
    if (!caption || caption.length > CAPTION_MAX) throw new BonusError('error.events.caption', [CAPTION_MAX]);
    const now = this.host.clock.now();
    const month = await this.monthAt(now);
    const s = await this.settings.get();
    // the photo's content: an upload of this forum, read back (an address elsewhere is refused: the
    // size limit and the same-photo check need the file itself)
    const file = this.host.files ? await this.host.files.read(image) : null;
    if (!file) throw new BonusError('error.events.image-not-uploaded');
    if (file.bytes > s.contestImageMaxKb * 1024) throw new BonusError('error.events.image-size', [s.contestImageMaxKb]);
    const contentHash = file.sha256;
    return this.underLock(`enter:${caller.uid}`, async () => {
      const mine = (await this.store.entries(month.id)).filter((e) => e.uid === caller.uid && e.status !== 'rejected');
      if (mine.length >= s.contestEntriesPerMonth) throw new BonusError('error.events.entry-limit', [s.contestEntriesPerMonth], 'conflict');
      // a claim whose entry was never written (a crash between the two writes below) is no claim
      const owner = await this.store.imageOwner(contentHash);
      if (owner !== null && (await this.store.entry(owner))) throw new BonusError('error.events.same-image', [], 'conflict');
      const entry: Entry = { id: await this.store.nextEntryId(), uid: caller.uid, month: month.id, image, caption, contentHash, status: 'pending', reason: '', createdAt: now };
      await this.store.claimImage(contentHash, entry.id);
      await this.store.writeEntry(entry, month.start);
      await this.notifyAdmins(`bonus:events:entry:${entry.id}`, translationToken('notify.events-entry'), '/admin/plugins/bonus/events');
      return entry;
    });
  }

  /** The admin accepts (paying the entry's points once) or rejects (with a reason) an entry. */
  decide(caller: Caller, entryId: number, decision: unknown, reason: unknown): Promise<Result<Entry>> {
    return refusable(() => this.doDecide(caller, entryId, decision, reason));
  }

  private async doDecide(caller: Caller, entryId: number, decision: unknown, reason: unknown): Promise<Entry> {
    await assertAdmin(this.host, caller);
    if (decision !== 'accept' && decision !== 'reject') throw new BonusError('error.events.decision');
    const why = typeof reason === 'string' ? reason.trim() : '';
    if (decision === 'reject' && (!why || why.length > 500)) throw new BonusError('error.events.reason');
    return this.underLock(`entry:${entryId}`, async () => {
      const entry = await this.store.entry(entryId);
      if (!entry) throw new BonusError('error.events.no-entry', [], 'not-found');
      if (entry.status !== 'pending') throw new BonusError('error.events.decided', [], 'conflict');
      if ((await this.phase(entry.month)) === 'results') throw new BonusError('error.events.published', [], 'conflict');
      const s = await this.settings.get();
      if (decision === 'accept') {
        if (s.contestEntryPoints > 0) {
          const paid = await this.sellers.ledger.credit({ uid: entry.uid, amount: s.contestEntryPoints, key: entryKey(entry.id), reason: translationToken('events.reason.entry', [entry.month]), actorUid: caller.uid });
          if (!paid.ok) throw new BonusError(`error.${paid.code}`, [], 'conflict');
        }
        await this.store.setEntryStatus(entry.id, 'accepted', '');
      } else {
        await this.store.setEntryStatus(entry.id, 'rejected', why);
        await this.store.releaseImage(entry.contentHash);
      }
      const lang = await this.host.users.getLanguage(entry.uid).catch(() => 'en-GB');
      await this.host.messaging.notify({
        type: 'bonus-retail', nid: `bonus:events:decided:${entry.id}`,
        bodyShort: decision === 'accept' ? countedToken(lang, 'notify.events-accepted', [counted(s.contestEntryPoints, 'sellerpoints.count')]) : countedToken(lang, 'notify.events-rejected', [why]),
        path: '/bonus/sellers/contest',
      }, [entry.uid]);
      return (await this.store.entry(entry.id))!;
    });
  }

  // --- the audience ---

  /** May the member vote in this month's contest, and if not, why (shown to them). */
  async voterStatus(uid: number, month: string, s?: ProgramSettings): Promise<VoterStatus> {
    if (!(uid > 0)) return { canVote: false, reason: 'not-logged-in' };
    const settings = s ?? await this.settings.get();
    if ((await this.phase(month)) !== 'open') return { canVote: false, reason: 'closed' };
    const groups = settings.contestVoterGroups.split(',').map((g) => g.trim()).filter(Boolean);
    if (groups.length && !(await this.host.groups.isMemberOfAny(uid, groups))) return { canVote: false, reason: 'group' };
    const [user] = await this.host.users.getUsers([uid]);
    if (!user) return { canVote: false, reason: 'not-logged-in' };
    const rule = voterEligible({ minAccountDays: settings.contestVoterMinDays, minPosts: settings.contestVoterMinPosts }, { joinedAt: user.joindate, postCount: user.postcount ?? 0 }, this.host.clock.now());
    return { canVote: rule.ok, reason: rule.reason };
  }

  /** One vote per member per contest (the last one counts), until the month ends; never for one's own entry. */
  vote(caller: Caller, entryId: number): Promise<Result<{ entryId: number }>> {
    return refusable(() => this.doVote(caller, entryId));
  }

  private async doVote(caller: Caller, entryId: number): Promise<{ entryId: number }> {
    if (!(caller.uid > 0)) throw new BonusError('error.not-logged-in', [], 'forbidden');
    const entry = await this.store.entry(entryId);
    if (!entry || entry.status !== 'accepted') throw new BonusError('error.events.no-entry', [], 'not-found');
    if (entry.uid === caller.uid) throw new BonusError('error.events.own-entry', [], 'forbidden');
    const status = await this.voterStatus(caller.uid, entry.month);
    if (!status.canVote) throw new BonusError(`events.vote-refusal.${status.reason}`, voterArgs(status.reason, await this.settings.get()), 'forbidden');
    await this.store.setVote(entry.month, caller.uid, entry.id);
    return { entryId: entry.id };
  }

  /** The accepted entries in this voter's own order (no counts before the results). */
  async ballot(uid: number, month: string): Promise<{ entries: Entry[]; myVote: number | null }> {
    const accepted = (await this.store.entries(month)).filter((e) => e.status === 'accepted');
    return { entries: voterOrder(month, uid, accepted), myVote: uid > 0 ? await this.store.voteOf(month, uid) : null };
  }

  // --- the jury ---

  async isJuror(uid: number): Promise<boolean> {
    const s = await this.settings.get();
    return uid > 0 && s.contestJuryGroup !== '' && this.host.groups.isMember(uid, s.contestJuryGroup);
  }

  /** A juror's ranking of the month's accepted entries (best first, every entry at most once). */
  rank(caller: Caller, month: string, ranking: unknown): Promise<Result<{ ranking: number[] }>> {
    return refusable(() => this.doRank(caller, month, ranking));
  }

  private async doRank(caller: Caller, month: string, ranking: unknown): Promise<{ ranking: number[] }> {
    if (!(await this.isJuror(caller.uid))) throw new BonusError('error.events.not-juror', [], 'forbidden');
    if ((await this.phase(month)) === 'results') throw new BonusError('error.events.published', [], 'conflict');
    const accepted = new Set((await this.store.entries(month)).filter((e) => e.status === 'accepted').map((e) => e.id));
    const ids = Array.isArray(ranking) ? ranking.map(Number) : [];
    if (!ids.length || ids.some((id) => !accepted.has(id)) || new Set(ids).size !== ids.length) throw new BonusError('error.events.ranking');
    await this.store.setRanking(month, caller.uid, ids);
    return { ranking: ids };
  }

  // --- places and publication ---

  setPlaces(caller: Caller, month: string, places: unknown): Promise<Result<{ places: (number | null)[] }>> {
    return refusable(() => this.doSetPlaces(caller, month, places));
  }

  private async doSetPlaces(caller: Caller, month: string, places: unknown): Promise<{ places: (number | null)[] }> {
    await assertAdmin(this.host, caller);
    const phase = await this.phase(month);
    if (phase === 'results') throw new BonusError('error.events.published', [], 'conflict');
    if (phase === 'open') throw new BonusError('error.events.still-open', [], 'conflict');
    const list = Array.isArray(places) ? places.slice(0, 5).map((p) => (p === null || p === '' || p === 0 || p === '0' ? null : Number(p))) : [];
    while (list.length < 5) list.push(null);
    const accepted = new Set((await this.store.entries(month)).filter((e) => e.status === 'accepted').map((e) => e.id));
    if (list.some((p) => p !== null && !Number.isSafeInteger(p)) || !validPlaces(list, accepted)) throw new BonusError('error.events.places');
    await this.store.setPlaces(month, list);
    return { places: list };
  }

  /**
   * Publishes the month's results once the month has ended and places are set: pays every place and
   * the audience's choice through the sellers' ledger (keys: paid once), records them for tax,
   * announces them, then marks the contest published. Repeating it (the admin, a retry after a
   * crash) pays and records nothing twice.
   */
  publish(caller: Caller, month: string): Promise<Result<ContestState>> {
    return refusable(() => this.doPublish(caller, month));
  }

  private async doPublish(caller: Caller, month: string): Promise<ContestState> {
    await assertAdmin(this.host, caller);
    const p = await this.period(month);
    const now = this.host.clock.now();
    // A vote is checked (the month still open) and then written: one written just after midnight
    // was cast in time. Votes take no lock (they would queue behind one another), so the results
    // wait until every vote checked before the end has landed: `VOTES_SETTLE_MS` after it.
    if (now < p.end + VOTES_SETTLE_MS) throw new BonusError('error.events.still-open', [], 'conflict');
    return this.underLock(`publish:${month}`, async () => {
      const state = await this.store.contest(month);
      if (!state.places.some((x) => x !== null)) throw new BonusError('error.events.no-places');
      const entries = await this.store.entries(month);
      const counts = tally(await this.store.votes(month));
      const audience = audienceChoice(entries, counts);
      const s = await this.settings.get();
      const amounts = [s.contestPlace1, s.contestPlace2, s.contestPlace3, s.contestPlace4, s.contestPlace5];
      const byId = new Map(entries.map((e) => [e.id, e]));
      const at = state.published ? state.publishedAt : now;
      const pay = async (uid: number, amount: number, key: string, reason: string, title: { 'en-GB': string; ru: string }) => {
        if (amount <= 0) return;
        const paid = await this.sellers.ledger.credit({ uid, amount, key, reason, actorUid: caller.uid });
        if (!paid.ok) throw new BonusError(`error.${paid.code}`, [], 'conflict');
        await this.sellers.tax.recordAward({ key, uid, source: 'contest', title, value: amount, at });
      };
      for (const [i, id] of state.places.entries()) {
        const e = id === null ? undefined : byId.get(id);
        if (!e) continue;
        await pay(e.uid, amounts[i], placeKey(month, i + 1), translationToken('events.reason.place', [i + 1, month]), await titleInBoth(this.host, 'events.tax.place', [month, i + 1]));
      }
      if (audience) await pay(audience.uid, s.contestAudiencePoints, audienceKey(month), translationToken('events.reason.audience', [month]), await titleInBoth(this.host, 'events.tax.audience', [month]));
      const countsOut = Object.fromEntries(entries.filter((e) => e.status === 'accepted').map((e) => [String(e.id), counts.get(e.id) ?? 0]));
      if (!state.published) await this.store.markPublished(month, now, audience?.id ?? null, countsOut);
      const users = await this.host.users.getUsers(state.places.map((id) => (id === null ? 0 : byId.get(id)?.uid ?? 0)));
      const lines = state.places.map((id, i) => (id === null ? '' : `${i + 1}. @${users[i]?.username ?? ''}`)).filter(Boolean).join('\n');
      await this.announcer.announce(`events:contest:${month}`, `${translationToken('events.announce-contest', [month])}\n\n${lines}\n\n${translationToken('events.announce-link', ['/bonus/sellers/contest/' + month])}`, caller.uid, now, { tid: s.eventsResultsTid });
      return this.store.contest(month);
    });
  }

  /** The jury's rankings side by side, with each entry's average rank. */
  async juryTable(caller: Caller, month: string): Promise<Result<{ jurors: { uid: number; ranking: number[] }[]; averages: Map<number, number> }>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      const rankings = await this.store.rankings(month);
      return { jurors: [...rankings].map(([uid, ranking]) => ({ uid, ranking })), averages: juryAverages([...rankings.values()]) };
    });
  }

  /** Daily: on the 1st, admins are reminded that last month's results are due by the setting's day (once). */
  async remind(now: number): Promise<boolean> {
    const s = await this.settings.get();
    const current = await this.monthAt(now);
    const last = monthOf(current.start - 1, s.timeZone);
    const state = await this.store.contest(last.id);
    if (state.published || (await this.store.entries(last.id)).length === 0) return false;
    if (!(await this.store.claimReminder(last.id))) return false;
    await this.notifyAdmins(`bonus:events:remind:${last.id}`, translationToken('notify.events-remind', [last.id, s.contestResultsDay]), '/admin/plugins/bonus/events');
    return true;
  }

  private async notifyAdmins(nid: string, bodyShort: string, path: string): Promise<void> {
    const admins = await this.host.groups.getMembers('administrators', 0, 49);
    if (admins.length) await this.host.messaging.notify({ type: 'bonus-retail', nid, bodyShort, path }, admins);
  }
}

/** How long after the month's end the results wait for votes checked before it to be written. */
export const VOTES_SETTLE_MS = 5 * 60_000;

/** The rule's numbers for a vote refusal's message. */
export function voterArgs(reason: VoterStatus['reason'], s: ProgramSettings): ErrorArg[] {
  if (reason === 'account-age') return [counted(s.contestVoterMinDays, 'days.gen')];
  if (reason === 'posts') return [counted(s.contestVoterMinPosts, 'posts.count')];
  return [];
}
