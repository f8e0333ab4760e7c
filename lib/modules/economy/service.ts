/**
 * The economy at a glance (issue 21): daily figures per programme, written with each ledger entry
 * (LedgerService.observeEntries: the entry id is claimed in the append's write phase and its figures
 * added in its commit phase, so they ride the append's own round trips and count each entry once),
 * read by the ACP dashboard without scanning the journal; and the rebuild that recomputes them from
 * the journal, says whether they agree and, asked to, repairs them.
 *
 * The repair moves each figure by (recomputed − stored), read once, like the ledger's reconcile: an
 * entry counted after that read keeps its own increments. It repairs only when no entry was counted
 * while the journal was being read (otherwise it reports `busy` and changes nothing).
 */
import { DateTime } from 'luxon';
import { refusable, type Result } from '../../kernel/result';
import { assertAdmin } from '../../kernel/access';
import type { Caller, Host } from '../../host/index';
import { dateOfDayNumber, dayNumber, localDate, localDates, type LocalDate } from '../../kernel/periods';
import { parseStored } from '../../kernel/json';
import type { EntryBatch, EntryObserver, LedgerEntry, LedgerService, Programme } from '../ledger';
import type { SettingsService } from '../settings';
import { addInto, dayIncrements, differences, totalIncrements } from './domain';
import { EconomyStore } from './store';

export const PROGRAMME_LIST: readonly Programme[] = ['club', 'sellers'];
/** The dashboard's periods, in days. */
export const DASHBOARD_PERIODS = [7, 30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export function dayId(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export interface DayFigures {
  day: string;
  figures: Record<string, number>;
}

export interface ProgrammeFigures {
  programme: Programme;
  /** The period's days, oldest first, and the period before it (as many days). */
  days: DayFigures[];
  previous: DayFigures[];
  /** Sums of the period's and of the previous period's days. */
  sums: Record<string, number>;
  previousSums: Record<string, number>;
  /** Running sums of members' balances now: posted (the liability), pending, held (unfinished checkouts). */
  totals: { posted: number; pending: number; held: number; entries: number };
}

export interface ProgrammeRebuild {
  programme: Programme;
  entries: number;
  agree: boolean;
  /** Fields that differed (`{day} {field}` or `totals {field}`), at most 50 listed. */
  differences: { field: string; expected: number; actual: number }[];
  differenceCount: number;
  repaired: boolean;
  /** Entries were counted while the journal was read: nothing repaired, run it again. */
  busy: boolean;
}

export interface RebuildResult {
  at: number;
  repair: boolean;
  agree: boolean;
  programmes: ProgrammeRebuild[];
}

const LISTED_DIFFERENCES = 50;

export class EconomyService {
  readonly store: EconomyStore;
  /** Given to each ledger (LedgerService.observeEntries). */
  readonly observer: EntryObserver = {
    claim: (programme, entry) => this.store.claim(programme, entry.id),
    count: (programme, entry) => this.count(programme, entry),
    batch: () => this.batch(),
  };

  /** The local date of an entry's time (entries come in order, many within a minute). */
  private readonly dateOf = localDates();

  constructor(private readonly host: Host, private readonly settings: SettingsService, private readonly ledgers: Record<Programme, LedgerService>) {
    this.store = new EconomyStore(host.db);
  }

  /** Starts counting: every ledger tells this service of each entry it writes. */
  observeLedgers(): void {
    for (const p of PROGRAMME_LIST) this.ledgers[p].observeEntries(this.observer);
  }

  private async timeZone(): Promise<string> {
    return (await this.settings.get()).timeZone;
  }

  /** Adds one entry's figures to its day (the forum's time zone) and to the running totals. */
  private async count(programme: Programme, entry: LedgerEntry): Promise<void> {
    const d = this.dateOf(entry.createdAt, await this.timeZone());
    const inc = dayIncrements(entry);
    await this.store.add(programme, dayId(d), inc, totalIncrements(inc));
  }

  /**
   * Figures of many entries summed in memory and added in one write at `end` (issue 14: a settlement
   * page matures 500 entries of nine figures each). Each entry's claim was taken with it as always:
   * a stop before `end` leaves them claimed and uncounted, which the check finds, as it finds one
   * entry stopped between its claim and its figures.
   */
  private batch(): EntryBatch {
    const sums = new Map<string, { programme: Programme; day: string; dayInc: Record<string, number>; totalInc: Record<string, number> }>();
    return {
      count: async (programme, entry) => {
        const day = dayId(this.dateOf(entry.createdAt, await this.timeZone()));
        const inc = dayIncrements(entry);
        const key = `${programme} ${day}`;
        const row = sums.get(key) ?? { programme, day, dayInc: {}, totalInc: {} };
        addInto(row.dayInc, inc);
        addInto(row.totalInc, totalIncrements(inc));
        sums.set(key, row);
      },
      end: async () => {
        const rows = [...sums.values()];
        sums.clear();
        if (rows.length) await this.store.addAll(rows);
      },
    };
  }

  /** The last `days` local days up to today, oldest first, and the `days` before them. */
  async periodDays(days: number, now: number): Promise<{ current: string[]; previous: string[] }> {
    const today = dayNumber(localDate(now, await this.timeZone()));
    const ids = (from: number) => Array.from({ length: days }, (_, i) => dayId(dateOfDayNumber(from + i)));
    return { current: ids(today - days + 1), previous: ids(today - 2 * days + 1) };
  }

  /** The periods' bounds in ms ([from, until) of their first and last local days). */
  async periodBounds(days: { current: string[]; previous: string[] }): Promise<{ current: { from: number; until: number }; previous: { from: number; until: number } }> {
    const zone = await this.timeZone();
    const start = (id: string) => DateTime.fromISO(id, { zone }).startOf('day').toMillis();
    const end = (id: string) => DateTime.fromISO(id, { zone }).plus({ days: 1 }).startOf('day').toMillis();
    return {
      current: { from: start(days.current[0]), until: end(days.current[days.current.length - 1]) },
      previous: { from: start(days.previous[0]), until: end(days.previous[days.previous.length - 1]) },
    };
  }

  /** One programme's figures for the period and the one before (reads `2 × days` day hashes and the totals). */
  async figures(programme: Programme, days: number, now: number): Promise<ProgrammeFigures> {
    const { current, previous } = await this.periodDays(days, now);
    const [rows, totals] = await Promise.all([this.store.days(programme, [...previous, ...current]), this.store.totals(programme)]);
    const sum = (list: Record<string, number>[]) => { const acc: Record<string, number> = {}; for (const r of list) addInto(acc, r); return acc; };
    const prevRows = rows.slice(0, days);
    const curRows = rows.slice(days);
    return {
      programme,
      days: current.map((day, i) => ({ day, figures: curRows[i] })),
      previous: previous.map((day, i) => ({ day, figures: prevRows[i] })),
      sums: sum(curRows),
      previousSums: sum(prevRows),
      totals: { posted: totals.posted ?? 0, pending: totals.pending ?? 0, held: totals.held ?? 0, entries: totals.entries ?? 0 },
    };
  }

  /** Admins: recompute the figures from the journal and compare (and, with `repair`, repair them). */
  rebuildFor(caller: Caller, repair: boolean): Promise<Result<RebuildResult>> {
    return refusable(async () => {
      await assertAdmin(this.host, caller);
      return this.rebuild(repair);
    });
  }

  /** Recomputes every programme's figures from its journal; stores and returns the result. */
  async rebuild(repair: boolean): Promise<RebuildResult> {
    const programmes: ProgrammeRebuild[] = [];
    for (const p of PROGRAMME_LIST) programmes.push(await this.rebuildProgramme(p, repair));
    const result: RebuildResult = { at: this.host.clock.now(), repair, agree: programmes.every((p) => p.agree), programmes };
    await this.store.saveRebuild('club', result);
    return result;
  }

  async lastRebuild(): Promise<RebuildResult | null> {
    return parseStored<RebuildResult>(await this.store.lastRebuild('club'));
  }

  private async rebuildProgramme(programme: Programme, repair: boolean): Promise<ProgrammeRebuild> {
    const tz = await this.timeZone();
    const countedBefore = (await this.store.totals(programme)).entries ?? 0;
    const days = new Map<string, { figures: Record<string, number> }>();
    const totals: Record<string, number> = {};
    const ids: number[] = [];
    await this.ledgers[programme].scanEntries(async (entries) => {
      for (const e of entries) {
        const d = localDate(e.createdAt, tz);
        const id = dayId(d);
        const slot = days.get(id) ?? { figures: {} };
        const inc = dayIncrements(e);
        addInto(slot.figures, inc);
        addInto(totals, totalIncrements(inc));
        days.set(id, slot);
        ids.push(e.id);
      }
    });
    // the days the journal has entries on (a day hash with no entry behind it is not looked for)
    const allDays = [...days.keys()].sort();
    const [actualDays, actualTotals] = await Promise.all([this.store.days(programme, allDays), this.store.totals(programme)]);
    const diffs: ProgrammeRebuild['differences'] = [];
    const dayDiffs = new Map<string, Record<string, number>>();
    allDays.forEach((day, i) => {
      for (const d of differences(days.get(day)?.figures ?? {}, actualDays[i])) {
        diffs.push({ ...d, field: `${day} ${d.field}` });
        dayDiffs.set(day, { ...(dayDiffs.get(day) ?? {}), [d.field]: d.expected - d.actual });
      }
    });
    const totalDiffs = differences(totals, actualTotals);
    for (const d of totalDiffs) diffs.push({ ...d, field: `totals ${d.field}` });
    const busy = (actualTotals.entries ?? 0) !== countedBefore;
    let repaired = false;
    if (repair && diffs.length > 0 && !busy) {
      await this.store.repair(programme, [...dayDiffs].map(([day, inc]) => ({ day, inc })),
        Object.fromEntries(totalDiffs.map((d) => [d.field, d.expected - d.actual])), ids);
      repaired = true;
    }
    return { programme, entries: ids.length, agree: diffs.length === 0, differences: diffs.slice(0, LISTED_DIFFERENCES), differenceCount: diffs.length, repaired, busy: busy && diffs.length > 0 };
  }
}
