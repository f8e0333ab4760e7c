/**
 * `/admin/plugins/bonus/settings`: the program settings of the earning and deduction rules on one
 * page (roles → groups, earning categories, amounts, hold window, birthday window, time zone,
 * exclusions, checkout: souvenir minimum and the groups' promo codes), saved through
 * services.settings.update (all or nothing).
 */
import type { ApiContext, PageResult, RequestContext } from '../host';
import type { Services } from '../services';
import { BonusError } from '../errors';
import { PROGRAM_ROLES } from '../domain/groups';
import { isValidTimeZone } from '../domain/periods';

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
      birthdayMonthsBefore: s.birthdayMonthsBefore,
      birthdayMonthsAfter: s.birthdayMonthsAfter,
      minSouvenirOrder: s.minSouvenirOrder,
      promos: PROMO_SETTINGS.map(([role, code, percent]) => ({
        role, label: `[[bonus:settings.role.${kebab(role)}]]`, codeName: code, code: s[code], percentName: percent, percent: s[percent],
      })),
      timeZone: s.timeZone,
      timeZoneValid: isValidTimeZone(s.timeZone),
      exclusions: roleRows(s, EXCLUSIONS, 'exclude'),
      finance: {
        numbers: FINANCE_NUMBERS.map((name) => ({ name, value: s[name], label: `[[bonus:settings.finance.${kebab(name)}]]` })),
        charityUsername: s.charityUsername,
        approvals: (['admin', 'automatic'] as const).map((value) => ({ value, text: `[[bonus:loans.approval.${value}]]`, selected: s.loanApproval === value })),
        roles: roleRows(s, FINANCE_ROLES, 'finance'),
      },
    },
  };
}

/** `PUT /bonus/settings` (admins): the whole form; nothing is stored if any value is invalid. */
export async function updateSettingsApi(services: Services, ctx: ApiContext) {
  if (!(await services.host.privileges.isAdmin(ctx.uid))) throw new BonusError('error.no-privileges', [], 403);
  const input = ctx.body && typeof ctx.body === 'object' ? { ...(ctx.body as Record<string, unknown>) } : {};
  if (typeof input.timeZone === 'string' && !isValidTimeZone(input.timeZone.trim())) throw new BonusError('error.invalid-time-zone', [input.timeZone]);
  const b = Number(input.birthdayMonthsBefore ?? 0) + Number(input.birthdayMonthsAfter ?? 0);
  if (b > 11) throw new BonusError('error.invalid-birthday-window');
  const current = await services.settings.get();
  const min = input.transferMin === undefined ? current.transferMin : Number(input.transferMin);
  const max = input.transferMax === undefined ? current.transferMax : Number(input.transferMax);
  if (min > max) throw new BonusError('error.invalid-transfer-limits');
  await services.settings.update(input);
  return { saved: true };
}

/** `POST /bonus/admin/group-gifts/backfill` {mode: 'pay' | 'mark'} (admins). */
export async function groupGiftBackfillApi(services: Services, ctx: ApiContext) {
  const mode = (ctx.body as { mode?: unknown } | null)?.mode;
  if (mode !== 'pay' && mode !== 'mark') throw new BonusError('error.invalid-backfill-mode');
  return { count: await services.groupGifts.backfill({ uid: ctx.uid }, mode) };
}

/** `POST /bonus/admin/birthdays/reindex` (admins). */
export async function birthdayReindexApi(services: Services, ctx: ApiContext) {
  if (!(await services.host.privileges.isAdmin(ctx.uid))) throw new BonusError('error.no-privileges', [], 403);
  return { count: await services.birthdays.reindexAll() };
}
