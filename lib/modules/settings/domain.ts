/**
 * The program's settings: one table, NodeBB's string values parsed with defaults in one place.
 * NodeBB keeps settings as strings (`meta.settings`, hash `settings:bonus`; checkboxes 'on'/'off').
 * A stored value that does not parse falls back to the default; a submitted value that does not
 * parse is refused (see `validateSettings`).
 *
 * Each feature adds its own entries below, grouped by section.
 */
import { roleList } from '../earning';
import { isValidTimeZone } from '../../kernel/periods';

export interface Spec<T> {
  default: T;
  /** undefined = not a valid value */
  parse(raw: string): T | undefined;
  format(value: T): string;
  /**
   * A submitted JSON value -> the string to parse; undefined = wrong type. Without it only strings
   * are accepted (a boolean, number or array where text is expected is refused, never stringified).
   */
  input?(raw: unknown): string | undefined;
}

const onlyString = (raw: unknown) => (typeof raw === 'string' ? raw : undefined);
const stringOrArray = (ok: (x: unknown) => boolean) => (raw: unknown) =>
  typeof raw === 'string' ? raw : Array.isArray(raw) && raw.every(ok) ? JSON.stringify(raw) : undefined;

export const int = (def: number, min: number, max: number): Spec<number> => ({
  default: def,
  parse(raw) {
    const s = raw.trim();
    if (!/^-?\d+$/.test(s)) return undefined;
    const n = Number(s);
    return Number.isSafeInteger(n) && n >= min && n <= max ? n : undefined;
  },
  format: String,
  input: (raw) => (typeof raw === 'string' ? raw : Number.isSafeInteger(raw) ? String(raw) : undefined),
});

export const bool = (def: boolean): Spec<boolean> => ({
  default: def,
  parse(raw) {
    if (raw === 'on' || raw === 'true' || raw === '1') return true;
    if (raw === 'off' || raw === 'false' || raw === '0' || raw === '') return false;
    return undefined;
  },
  format: (v) => (v ? 'on' : 'off'),
  input: (raw) => (typeof raw === 'string' ? raw : typeof raw === 'boolean' ? String(raw) : undefined),
});

export const text = (def: string, maxLength = 1000): Spec<string> => ({
  default: def,
  parse: (raw) => (raw.length <= maxLength ? raw.trim() : undefined),
  format: (v) => v,
});

export const oneOf = <T extends string>(def: T, values: readonly T[]): Spec<T> => ({
  default: def,
  parse: (raw) => (values as readonly string[]).includes(raw) ? (raw as T) : undefined,
  format: (v) => v,
});

/** An IANA time zone name (`Europe/Moscow`); an unknown zone is not a valid value. */
export const zone = (def: string): Spec<string> => ({
  default: def,
  parse: (raw) => (raw.length <= 100 && isValidTimeZone(raw.trim()) ? raw.trim() : undefined),
  format: (v) => v,
});

const COUNTRY = /^[A-Z]{2}$/;

/** An ISO 3166-1 alpha-2 country code (`RU`). */
export const country = (def: string): Spec<string> => ({
  default: def,
  parse: (raw) => (COUNTRY.test(raw.trim().toUpperCase()) ? raw.trim().toUpperCase() : undefined),
  format: (v) => v,
});

/** A list of country codes, stored as a JSON array (the form may send `"TM, UA"`). */
export const countryList = (def: string[]): Spec<string[]> => ({
  default: def,
  parse(raw) {
    let list: unknown;
    const s = raw.trim();
    if (s === '') return [];
    if (s.startsWith('[')) {
      try { list = JSON.parse(s); } catch { return undefined; }
    } else list = s.split(/[\s,]+/).filter(Boolean);
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string' && COUNTRY.test(x.trim().toUpperCase()))) return undefined;
    return [...new Set((list as string[]).map((x) => x.trim().toUpperCase()))];
  },
  format: (v) => JSON.stringify(v),
  input: stringOrArray((x) => typeof x === 'string'),
});

/** A list of positive integer ids, stored comma-separated (`"1,5,7"`). */
export const idList = (def: number[]): Spec<number[]> => ({
  default: def,
  parse(raw) {
    const parts = raw.split(',').map((p) => p.trim()).filter(Boolean);
    if (!parts.every((p) => /^[1-9]\d{0,15}$/.test(p) && Number.isSafeInteger(Number(p)))) return undefined;
    return [...new Set(parts.map(Number))];
  },
  format: (v) => v.join(','),
  input: (raw) => (typeof raw === 'string' ? raw : Array.isArray(raw) && raw.every((x) => Number.isSafeInteger(x) && (x as number) > 0) ? raw.join(',') : undefined),
});

/** A list of names (group names, country codes), stored as a JSON array. */
export const nameList = (def: string[]): Spec<string[]> => ({
  default: def,
  parse(raw) {
    if (raw.trim() === '') return [];
    try {
      const v: unknown = JSON.parse(raw);
      return Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...new Set(v as string[])] : undefined;
    } catch {
      return undefined;
    }
  },
  format: (v) => JSON.stringify(v),
  input: stringOrArray((x) => typeof x === 'string'),
});

export const settingsTable = {
  // --- Roles: program role -> forum group name ('' = not mapped) ---
  roleNewcomers: text('Newcomers', 200),
  roleParticipants: text('Participants', 200),
  roleActivists: text('Activists', 200),
  roleConsultants: text('Consultants', 200),
  roleOldTimers: text('Old-timers', 200),
  roleClubCouncil: text('Club council', 200),
  roleBanned: text('banned-users', 200),

  // --- Points operations topic (PROGRAM §2) ---
  operationsTid: int(0, 0, Number.MAX_SAFE_INTEGER),
  operationsPublishMode: oneOf('per-operation', ['per-operation', 'daily-digest', 'off'] as const),

  // --- Time ---
  /** IANA time zone for weeks, months and days. */
  timeZone: zone('Europe/Moscow'),

  // --- Earning and deductions (PROGRAM §2–§3; issue 4) ---
  /** Categories whose new topics and replies earn points. */
  earningCids: idList([]),
  pointsTopic: int(2, 0, 1_000_000),
  pointsReply: int(1, 0, 1_000_000),
  /** Anti-farming (issue 15, item 11; 0 = off): a topic or reply shorter than this many characters (quotes and images left out) does not earn. */
  minPostLength: int(0, 0, 10_000),
  /** Anti-farming (0 = off): only a member's first N posts of a club day earn (a deleted one still counts). */
  dailyEarningPosts: int(0, 0, 1000),
  pointsWeekTop: int(200, 0, 1_000_000),
  pointsMonthTop: int(500, 0, 1_000_000),
  /** Paid places in the weekly and monthly top. */
  topPlaces: int(3, 0, 10),
  pointsBirthday: int(100, 0, 1_000_000),
  giftActivists: int(100, 0, 1_000_000),
  giftConsultants: int(250, 0, 1_000_000),
  giftOldTimers: int(500, 0, 1_000_000),
  giftClubCouncil: int(1000, 0, 1_000_000),
  penaltyWarning: int(500, 0, 1_000_000),
  penaltyBan: int(1000, 0, 1_000_000),
  /** Post and topic points stay pending this long (PROGRAM §2 "within two days"). */
  holdWindowHours: int(48, 0, 24 * 90),
  /** Birthday window in months around the birthday (before + after stay under a year). */
  birthdayMonthsBefore: int(1, 0, 5),
  birthdayMonthsAfter: int(1, 0, 5),
  /** Program roles excluded from each rule. */
  excludePosts: roleList([]),
  excludeTop: roleList(['banned']),
  excludeBirthday: roleList(['newcomers', 'banned']),
  excludeGroupGifts: roleList([]),

  // --- Catalog and delivery (PROGRAM §5, §7; issue 5) ---
  /** Countries nothing is delivered to. */
  noDeliveryCountries: countryList(['TM']),
  /** Countries clothing and shoes are not delivered to. */
  noClothingCountries: countryList(['UA']),
  /** Russia-only items (and non-removable-battery electronics) go only here, or by pickup. */
  russiaOnlyCountry: country('RU'),
  /** Default activation regions offered for a new license product. */
  licenseRegions: countryList(['RU', 'BY', 'KZ', 'AM', 'KG', 'UZ', 'TJ', 'AZ', 'GE', 'MD']),
  /** A product (or size) at or below this count shows "few left" and notifies admins once. */
  lowStockThreshold: int(5, 0, 1_000_000),
  /** Where and when pickup happens (shown to members). */
  pickupPlace: text('', 1000),

  // --- Member finance: transfers and loans (PROGRAM §6; issue 7) ---
  /** Program roles that may not send transfers (PROGRAM §6: Newcomers, Participants, Banned). */
  transferExcludeSenders: roleList(['newcomers', 'participants', 'banned']),
  /** Program roles that may not receive transfers. */
  transferExcludeRecipients: roleList(['banned']),
  transferMin: int(1, 1, 1_000_000),
  transferMax: int(5000, 1, 1_000_000),
  /** Most a member may send in one local day (the configured time zone); 0 = no limit. */
  transferDayLimit: int(10_000, 0, 10_000_000),
  /** The charity account ("Good deed"): a member's username; '' = none. */
  charityUsername: text('', 200),
  /** Program roles whose members may borrow (PROGRAM §6). */
  loanRoles: roleList(['activists', 'consultants', 'oldTimers', 'clubCouncil']),
  loanMaxAmount: int(3000, 1, 1_000_000),
  loanMaxMonths: int(12, 1, 120),
  /** `automatic`: granted at once; `admin`: an admin approves in the ACP. */
  loanApproval: oneOf('admin', ['automatic', 'admin'] as const),
  /** The member is reminded this many days before the due date; 0 = no reminder. */
  loanReminderDays: int(7, 0, 365),
  /** Months after a loan was written off before its member may borrow again (0 = at once). */
  loanWriteOffCoolingMonths: int(12, 0, 120),
  /** Percent of each new earning (credit or matured post points) that repays an open loan; 0 = off. */
  loanAutoRepayPercent: int(0, 0, 100),
  // --- Checkout and orders (PROGRAM §6–§8; issue 6) ---
  /** Souvenir orders must reach this, counted without licenses and before any discount (§7). */
  minSouvenirOrder: int(2000, 0, 1_000_000_000),
  /** Promo code of each discount group ('' = none); a code works only for members of its group (§6). */
  promoCodeActivists: text('', 50),
  promoCodeConsultants: text('', 50),
  promoCodeOldTimers: text('', 50),
  promoCodeClubCouncil: text('', 50),
  /** Discount in percent per group. */
  discountActivists: int(15, 0, 100),
  discountConsultants: int(25, 0, 100),
  discountOldTimers: int(35, 0, 100),
  discountClubCouncil: int(35, 0, 100),
  // --- The retail sellers' programme (PROGRAM §9; issue 16) ---
  /** The forum group of the "Sellers" role: approved sellers join it (NodeBB creates it hidden if missing). */
  retailSellersGroup: text('Sellers', 200),
  /** `admin`: an admin approves each application in the ACP; `automatic`: a seller joins at once. */
  retailApproval: oneOf('admin', ['automatic', 'admin'] as const),
  /** Share (percent) of registry-checked sales also put in the review queue as a spot check. */
  retailSpotCheckPercent: int(10, 0, 100),
  /** Registrations per seller per day (the club's day, in the configured time zone). */
  retailDailyLimit: int(30, 1, 10_000),
  /** Refused registrations per seller per hour before a cool-down until the hour ends. */
  retailFailuresPerHour: int(10, 1, 1000),
  /** Accepted sales needed since joining or since the previous paid prize order (seed §6.2.1). */
  retailGateSales: int(5, 1, 1000),
  /** A prize order ships within this many days of the order (seed §9.2.1); later ones are flagged in the ACP. */
  retailShipDays: int(30, 1, 365),
  /** Prizes above this value (roubles) need the seller's tax details before they ship (seed §7.2.4). */
  retailTaxThreshold: int(4000, 0, 100_000_000),
  /** The threshold applies to each prize, or to a seller's prizes of a calendar year together. */
  retailTaxScope: oneOf('prize', ['prize', 'year'] as const),
  // --- The sellers' monthly events (seed 004 §6.2.3, §6.3; issue 17) ---
  /** Seller points an accepted shop-window photo earns. */
  contestEntryPoints: int(20, 0, 100_000),
  /** Photos a seller may enter per monthly contest. */
  contestEntriesPerMonth: int(1, 1, 10),
  /** Largest photo (kilobytes) the entry form accepts. */
  contestImageMaxKb: int(2048, 50, 20_480),
  /** Seller points for places 1–5. */
  contestPlace1: int(300, 0, 100_000),
  contestPlace2: int(250, 0, 100_000),
  contestPlace3: int(200, 0, 100_000),
  contestPlace4: int(150, 0, 100_000),
  contestPlace5: int(100, 0, 100_000),
  /** Seller points of the audience's choice. */
  contestAudiencePoints: int(100, 0, 100_000),
  /** The groups whose members vote (comma-separated names; empty: every member). */
  contestVoterGroups: text('registered-users', 1000),
  /** A voter's account is at least this many days old… */
  contestVoterMinDays: int(30, 0, 3650),
  /** …and has at least this many posts. */
  contestVoterMinPosts: int(10, 0, 100_000),
  /** The jury's group. */
  contestJuryGroup: text('Contest jury', 200),
  /** Results are due by this day of the next month (admins are reminded on the 1st). */
  contestResultsDay: int(5, 2, 28),
  /** The topic the events' results are posted in (0: the "Points operations" topic, as its publishing mode says). */
  eventsResultsTid: int(0, 0, Number.MAX_SAFE_INTEGER),
  /** The draw's categories (the rules' "statuses"). */
  drawCategories: int(4, 1, 20),
  /** The rate the rules name, as shown on the results page (empty: the rules' own, in the reader's language). */
  drawRateRule: text('', 300),
  // --- The box-code game (seed 004 §6.2.3; issue 18 items 3–5) ---
  /** Game points per seller point: a verified score pays floor(score / this). */
  gamePointsDivisor: int(10, 1, 100_000),
  /** Minutes a started play may be submitted in (a game lasts at most 10 minutes). */
  gameSessionMinutes: int(30, 11, 1440),
  // --- Member licences (seeds 002, 003; issue 19) ---
  /** A code the licence registry does not know: added as "unverified", or refused. */
  licencesUnknownCodes: oneOf<'unverified' | 'refuse'>('unverified', ['unverified', 'refuse']),
  /** Adds and removes of one code by one member within the window below before a new add is refused (0: no limit). */
  licencesCyclingLimit: int(6, 0, 1000),
  licencesCyclingDays: int(30, 1, 365),
  /** Days before a licence expires on which its holder is reminded. */
  licencesReminderDays: idList([30, 7]),
  // --- Support requests (seeds 002, 003; issue 20) ---
  /** The forum group whose members handle support requests (administrators always do). */
  requestsStaffGroup: text('Global Moderators', 200),
  /** The largest attachment, in kB (NodeBB's own default upload limit: 2048). */
  requestsMaxFileKb: int(2048, 1, 20_480),
  /** New requests one member may file in 24 hours. */
  requestsDailyLimit: int(5, 1, 1000),
  /** Days after closing in which the member may reopen a request. */
  requestsReopenDays: int(14, 0, 365),
  /** Days between reminders while a request waits for the member. */
  requestsReminderDays: int(3, 1, 365),
  /** Days waiting for the member after which a request closes by itself. */
  requestsAutoCloseDays: int(10, 1, 365),
} satisfies Record<string, Spec<unknown>>;

export type SettingsTable = typeof settingsTable;
export type SettingName = keyof SettingsTable;
export type ProgramSettings = { [K in SettingName]: SettingsTable[K]['default'] };

/** Stored strings -> typed settings; missing or unparsable values take their default. */
export function parseSettings(raw: Record<string, string | undefined>): ProgramSettings {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(settingsTable) as [SettingName, Spec<unknown>][]) {
    const value = raw[name];
    const parsed = value === undefined ? undefined : spec.parse(value);
    out[name] = parsed === undefined ? spec.default : parsed;
  }
  return out as ProgramSettings;
}

export type SettingsValidation =
  | { ok: true; values: Record<string, string> }
  | { ok: false; invalid: SettingName[]; rule?: SettingsRule };

/** Rules between settings, each with its own message. */
export type SettingsRule = 'error.invalid-birthday-window' | 'error.invalid-transfer-limits';

/**
 * Submitted form values -> the strings to store. Each value is checked by its setting's type (a
 * boolean, number or array where text is expected is refused, not stringified) and range; unknown
 * names are ignored; any invalid value refuses the whole submission, so a half-applied change
 * never happens. With `current` (the stored strings) the rules between settings are checked on the
 * result: the birthday window stays under a year, the smallest transfer is not above the largest.
 */
export function validateSettings(submitted: Record<string, unknown>, current?: Record<string, string | undefined>): SettingsValidation {
  const values: Record<string, string> = {};
  const invalid: SettingName[] = [];
  for (const [name, spec] of Object.entries(settingsTable) as [SettingName, Spec<unknown>][]) {
    if (!(name in submitted)) continue;
    const str = (spec.input ?? onlyString)(submitted[name]);
    const parsed = str === undefined ? undefined : spec.parse(str);
    if (parsed === undefined) invalid.push(name);
    else values[name] = spec.format(parsed);
  }
  if (invalid.length) return { ok: false, invalid };
  if (current) {
    const next = parseSettings({ ...current, ...values });
    if (next.birthdayMonthsBefore + next.birthdayMonthsAfter > 11) {
      return { ok: false, invalid: (['birthdayMonthsBefore', 'birthdayMonthsAfter'] as const).filter((n) => n in values), rule: 'error.invalid-birthday-window' };
    }
    if (next.transferMin > next.transferMax) {
      return { ok: false, invalid: (['transferMin', 'transferMax'] as const).filter((n) => n in values), rule: 'error.invalid-transfer-limits' };
    }
  }
  return { ok: true, values };
}
