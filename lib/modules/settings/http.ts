/**
 * `/admin/plugins/bonus/settings`: every program setting on one page (roles → groups, earning
 * categories, amounts, hold window, birthday window, time zone, the points operations topic,
 * delivery countries, licence regions, low stock, pickup place, exclusions, checkout: souvenir
 * minimum and the groups' promo codes, transfers and loans), saved through
 * services.settings.update (all or nothing). test/settings/acp-fields.test.ts checks that every
 * setting of the table has its field here.
 */
import type { ApiContext, PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { mapOk, ok, refused, type Result } from '../../kernel/result';
import { PROGRAM_ROLES } from '../earning';
import { isValidTimeZone } from '../../kernel/periods';
import type { SettingName } from './domain';

/** Language keys are lowercase and dash separated: `oldTimers` -> `old-timers`. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const ROLE_SETTINGS = {
  newcomers: 'roleNewcomers', participants: 'roleParticipants', activists: 'roleActivists', consultants: 'roleConsultants',
  oldTimers: 'roleOldTimers', clubCouncil: 'roleClubCouncil', banned: 'roleBanned',
} as const;

const AMOUNTS = [
  'pointsTopic', 'pointsReply', 'pointsWeekTop', 'pointsMonthTop', 'topPlaces', 'pointsBirthday',
  'giftActivists', 'giftConsultants', 'giftOldTimers', 'giftClubCouncil', 'penaltyWarning', 'penaltyBan',
] as const;

/** Promo code and discount of each discount group (PROGRAM §6). */
const PROMO_SETTINGS = [
  ['activists', 'promoCodeActivists', 'discountActivists'],
  ['consultants', 'promoCodeConsultants', 'discountConsultants'],
  ['oldTimers', 'promoCodeOldTimers', 'discountOldTimers'],
  ['clubCouncil', 'promoCodeClubCouncil', 'discountClubCouncil'],
] as const;

const EXCLUSIONS = ['excludePosts', 'excludeTop', 'excludeBirthday', 'excludeGroupGifts'] as const;

/** Member finance (issue 7): numbers, and the role rows (who may not send / receive, who may borrow). */
const FINANCE_NUMBERS = ['transferMin', 'transferMax', 'transferDayLimit', 'loanMaxAmount', 'loanMaxMonths', 'loanReminderDays', 'loanWriteOffCoolingMonths', 'loanAutoRepayPercent'] as const;
const FINANCE_ROLES = ['transferExcludeSenders', 'transferExcludeRecipients', 'loanRoles'] as const;

/** Store and delivery (issue 5): country lists as comma-separated codes, the low-stock threshold. */
const DELIVERY_SETTINGS = ['noDeliveryCountries', 'noClothingCountries', 'russiaOnlyCountry', 'licenseRegions', 'lowStockThreshold'] as const;

/** The retail sellers' programme (issue 16): numbers; the group and the approval are fields of their own. */
const RETAIL_NUMBERS = ['retailSpotCheckPercent', 'retailDailyLimit', 'retailFailuresPerHour', 'retailGateSales', 'retailShipDays', 'retailTaxThreshold'] as const;

/** The sellers' monthly events (issue 17): numbers; the groups and the rate's rule are text fields. */
const EVENTS_NUMBERS = ['contestEntryPoints', 'contestEntriesPerMonth', 'contestImageMaxKb', 'contestPlace1', 'contestPlace2', 'contestPlace3', 'contestPlace4', 'contestPlace5', 'contestAudiencePoints', 'contestVoterMinDays', 'contestVoterMinPosts', 'contestResultsDay', 'eventsResultsTid', 'drawCategories'] as const;
const EVENTS_TEXTS = ['contestVoterGroups', 'contestJuryGroup', 'drawRateRule'] as const;
/** The box-code game (issue 18): numbers, a section of their own. */
const GAME_NUMBERS = ['gamePointsDivisor', 'gameSessionMinutes'] as const;
/** Member licences (issue 19): numbers, the reminder days and what an unknown code gets. */
const LICENCES_NUMBERS = ['licencesCyclingLimit', 'licencesCyclingDays'] as const;
/** Support requests (issue 20): numbers; the staff group is a field of its own. */
const REQUESTS_NUMBERS = ['requestsMaxFileKb', 'requestsDailyLimit', 'requestsReopenDays', 'requestsReminderDays', 'requestsAutoCloseDays'] as const;

/** Every setting's label on the form (a refusal names the fields by these, in the admin's language). */
export const SETTING_LABELS: Record<SettingName, string> = {
  ...Object.fromEntries(Object.entries(ROLE_SETTINGS).map(([role, name]) => [name, `[[bonus:settings.role.${kebab(role)}]]`])) as Record<typeof ROLE_SETTINGS[keyof typeof ROLE_SETTINGS], string>,
  ...Object.fromEntries(AMOUNTS.map((name) => [name, `[[bonus:settings.amount.${kebab(name)}]]`])) as Record<typeof AMOUNTS[number], string>,
  ...Object.fromEntries(PROMO_SETTINGS.flatMap(([role, code, percent]) => [
    [code, `[[bonus:settings.promo-code]] ([[bonus:settings.role.${kebab(role)}]])`],
    [percent, `[[bonus:settings.promo-percent]] ([[bonus:settings.role.${kebab(role)}]])`],
  ])) as Record<typeof PROMO_SETTINGS[number][1 | 2], string>,
  ...Object.fromEntries(EXCLUSIONS.map((name) => [name, `[[bonus:settings.exclude.${kebab(name)}]]`])) as Record<typeof EXCLUSIONS[number], string>,
  ...Object.fromEntries([...FINANCE_NUMBERS, ...FINANCE_ROLES].map((name) => [name, `[[bonus:settings.finance.${kebab(name)}]]`])) as Record<typeof FINANCE_NUMBERS[number] | typeof FINANCE_ROLES[number], string>,
  charityUsername: '[[bonus:settings.finance.charity-username]]',
  loanApproval: '[[bonus:settings.finance.loan-approval]]',
  earningCids: '[[bonus:settings.section.categories]]',
  holdWindowHours: '[[bonus:settings.hold-window]]',
  minPostLength: '[[bonus:settings.min-post-length]]',
  dailyEarningPosts: '[[bonus:settings.daily-earning-posts]]',
  birthdayMonthsBefore: '[[bonus:settings.birthday-before]]',
  birthdayMonthsAfter: '[[bonus:settings.birthday-after]]',
  timeZone: '[[bonus:settings.time-zone]]',
  minSouvenirOrder: '[[bonus:settings.min-souvenir-order]]',
  operationsTid: '[[bonus:settings.operations-tid]]',
  operationsPublishMode: '[[bonus:settings.operations-publish-mode]]',
  noDeliveryCountries: '[[bonus:settings.no-delivery-countries]]',
  noClothingCountries: '[[bonus:settings.no-clothing-countries]]',
  russiaOnlyCountry: '[[bonus:settings.russia-only-country]]',
  licenseRegions: '[[bonus:settings.license-regions]]',
  lowStockThreshold: '[[bonus:settings.low-stock-threshold]]',
  pickupPlace: '[[bonus:settings.pickup-place]]',
  ...Object.fromEntries(RETAIL_NUMBERS.map((name) => [name, `[[bonus:settings.retail.${kebab(name)}]]`])) as Record<typeof RETAIL_NUMBERS[number], string>,
  retailSellersGroup: '[[bonus:settings.retail.retail-sellers-group]]',
  retailApproval: '[[bonus:settings.retail.retail-approval]]',
  retailTaxScope: '[[bonus:settings.retail.retail-tax-scope]]',
  ...Object.fromEntries([...EVENTS_NUMBERS, ...EVENTS_TEXTS].map((name) => [name, `[[bonus:settings.events.${kebab(name)}]]`])) as Record<typeof EVENTS_NUMBERS[number] | typeof EVENTS_TEXTS[number], string>,
  ...Object.fromEntries(GAME_NUMBERS.map((name) => [name, `[[bonus:settings.game.${kebab(name)}]]`])) as Record<typeof GAME_NUMBERS[number], string>,
  ...Object.fromEntries(LICENCES_NUMBERS.map((name) => [name, `[[bonus:settings.licences.${kebab(name)}]]`])) as Record<typeof LICENCES_NUMBERS[number], string>,
  licencesUnknownCodes: '[[bonus:settings.licences.licences-unknown-codes]]',
  licencesReminderDays: '[[bonus:settings.licences.licences-reminder-days]]',
  ...Object.fromEntries(REQUESTS_NUMBERS.map((name) => [name, `[[bonus:settings.requests.${kebab(name)}]]`])) as Record<typeof REQUESTS_NUMBERS[number], string>,
  requestsStaffGroup: '[[bonus:settings.requests.requests-staff-group]]',
};

const roleRows = (s: Awaited<ReturnType<Services['settings']['get']>>, names: readonly (typeof EXCLUSIONS[number] | typeof FINANCE_ROLES[number])[], prefix: string) => names.map((name) => ({
  name, label: `[[bonus:settings.${prefix}.${kebab(name)}]]`,
  roles: PROGRAM_ROLES.map((role) => ({ role, label: `[[bonus:settings.role.${kebab(role)}]]`, checked: (s[name] as readonly string[]).includes(role) })),
}));

export async function settingsPage(services: Services, _ctx: RequestContext): Promise<PageResult> {
  const s = await services.settings.get();
  const [groups, categories] = await Promise.all([services.host.groups.list(), services.host.content.getCategories()]);
  const groupNames = groups.map((g) => g.name);
  return {
    kind: 'render',
    template: 'admin/plugins/bonus-settings',
    title: '[[bonus:settings.title]]',
    data: {
      roles: PROGRAM_ROLES.map((role) => {
        const name = ROLE_SETTINGS[role];
        const current = s[name];
        const names = current && !groupNames.includes(current) ? [current, ...groupNames] : groupNames;
        return {
          role, name, label: `[[bonus:settings.role.${kebab(role)}]]`,
          groups: names.map((g) => ({ name: g, selected: g === current })),
          unmapped: current === '',
        };
      }),
      categories: categories.filter((c) => !c.disabled).map((c) => ({ cid: c.cid, name: c.name, checked: s.earningCids.includes(c.cid) })),
      amounts: AMOUNTS.map((name) => ({ name, value: s[name], label: `[[bonus:settings.amount.${kebab(name)}]]` })),
      holdWindowHours: s.holdWindowHours,
      minPostLength: s.minPostLength,
      dailyEarningPosts: s.dailyEarningPosts,
      birthdayMonthsBefore: s.birthdayMonthsBefore,
      birthdayMonthsAfter: s.birthdayMonthsAfter,
      minSouvenirOrder: s.minSouvenirOrder,
      promos: PROMO_SETTINGS.map(([role, code, percent]) => ({
        role, label: `[[bonus:settings.role.${kebab(role)}]]`, codeName: code, code: s[code], percentName: percent, percent: s[percent],
      })),
      timeZone: s.timeZone,
      timeZoneValid: isValidTimeZone(s.timeZone),
      operationsTid: s.operationsTid,
      publishModes: (['per-operation', 'daily-digest', 'off'] as const).map((value) => ({ value, text: `[[bonus:operations.publish-mode.${value}]]`, selected: s.operationsPublishMode === value })),
      delivery: DELIVERY_SETTINGS.map((name) => {
        const value = s[name];
        return {
          name, label: SETTING_LABELS[name], help: `[[bonus:settings.${kebab(name)}-help]]`,
          value: Array.isArray(value) ? value.join(', ') : value,
          number: typeof value === 'number', maxLength: name === 'russiaOnlyCountry' ? 2 : 0,
        };
      }),
      pickupPlace: s.pickupPlace,
      exclusions: roleRows(s, EXCLUSIONS, 'exclude'),
      finance: {
        numbers: FINANCE_NUMBERS.map((name) => ({ name, value: s[name], label: `[[bonus:settings.finance.${kebab(name)}]]` })),
        charityUsername: s.charityUsername,
        approvals: (['admin', 'automatic'] as const).map((value) => ({ value, text: `[[bonus:loans.approval.${value}]]`, selected: s.loanApproval === value })),
        roles: roleRows(s, FINANCE_ROLES, 'finance'),
      },
      retail: {
        numbers: RETAIL_NUMBERS.map((name) => ({ name, value: s[name], label: SETTING_LABELS[name] })),
        groups: (groupNames.includes(s.retailSellersGroup) ? groupNames : [s.retailSellersGroup, ...groupNames])
          .filter((g) => g !== 'administrators' && g !== 'Global Moderators' && g !== 'banned-users')
          .map((g) => ({ name: g, selected: g === s.retailSellersGroup })),
        approvals: (['admin', 'automatic'] as const).map((value) => ({ value, text: `[[bonus:retail.approval.${value}]]`, selected: s.retailApproval === value })),
        taxScopes: (['prize', 'year'] as const).map((value) => ({ value, text: `[[bonus:retail.tax-scope.${value}]]`, selected: s.retailTaxScope === value })),
      },
      events: {
        numbers: EVENTS_NUMBERS.map((name) => ({ name, value: s[name], label: SETTING_LABELS[name] })),
        texts: EVENTS_TEXTS.map((name) => ({ name, value: s[name], label: SETTING_LABELS[name] })),
      },
      game: {
        numbers: GAME_NUMBERS.map((name) => ({ name, value: s[name], label: SETTING_LABELS[name] })),
      },
      licences: {
        numbers: LICENCES_NUMBERS.map((name) => ({ name, value: s[name], label: SETTING_LABELS[name] })),
        unknownCodes: (['unverified', 'refuse'] as const).map((value) => ({ value, text: `[[bonus:licences.unknown.${value}]]`, selected: s.licencesUnknownCodes === value })),
        reminderDays: s.licencesReminderDays.join(', '),
      },
      requests: {
        numbers: REQUESTS_NUMBERS.map((name) => ({ name, value: s[name], label: SETTING_LABELS[name] })),
        groups: (groupNames.includes(s.requestsStaffGroup) ? groupNames : [s.requestsStaffGroup, ...groupNames])
          .filter((g) => g !== 'banned-users' && g !== 'guests' && g !== 'registered-users')
          .map((g) => ({ name: g, selected: g === s.requestsStaffGroup })),
      },
    },
  };
}

/**
 * `PUT /bonus/settings` (admins): the whole form; nothing is stored if any value is invalid. The
 * refusal names the fields by their labels on the form, in the admin's language.
 */
export async function updateSettingsApi(services: Services, ctx: ApiContext): Promise<Result<{ saved: true }>> {
  if (!ctx.body || typeof ctx.body !== 'object' || Array.isArray(ctx.body)) return refused('error.body-not-object');
  const saved = await services.settings.save({ uid: ctx.uid }, ctx.body as Record<string, unknown>);
  if (saved.ok) return ok({ saved: true });
  const { refusal } = saved;
  if (refusal.code !== 'error.invalid-settings') return saved;
  // the fields at fault by their labels on the form, in the admin's language
  const fields = String(refusal.args[0] ?? '').split(', ').filter((f): f is SettingName => f in SETTING_LABELS);
  const labels = await Promise.all(fields.map((name) => services.host.translator.translate(SETTING_LABELS[name], ctx.lang)));
  const zone = (ctx.body as { timeZone?: unknown }).timeZone;
  if (fields.length === 1 && fields[0] === 'timeZone' && typeof zone === 'string') return refused('error.invalid-time-zone', [labels[0], zone]);
  return refused('error.invalid-settings', [labels.join('; ')]);
}

/** `POST /bonus/admin/group-gifts/backfill` {mode: 'pay' | 'mark'} (admins). */
export async function groupGiftBackfillApi(services: Services, ctx: ApiContext) {
  const mode = (ctx.body as { mode?: unknown } | null)?.mode;
  if (mode !== 'pay' && mode !== 'mark') return refused('error.invalid-backfill-mode');
  return mapOk(await services.groupGifts.backfill({ uid: ctx.uid }, mode), (count) => ({ count }));
}

/** `POST /bonus/admin/birthdays/reindex` (admins). */
export async function birthdayReindexApi(services: Services, ctx: ApiContext) {
  return mapOk(await services.birthdays.reindexFor({ uid: ctx.uid }), (count) => ({ count }));
}
