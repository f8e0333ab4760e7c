/**
 * ACP member overview (`/admin/plugins/bonus/members?member=name`, issue 21): one member's balances
 * in both programmes, recent history, orders, loans, warnings, licences and seller status on one
 * page, with links to the ACP pages that act on them. Reads what each module's service offers for one
 * member (pages of a few lines, no scan).
 */
import type { PageResult, RequestContext } from '../../host/index';
import type { Services } from '../../services';
import { whenFor } from '../../kernel/format';
import { translationToken } from '../../kernel/errors';
import { localized } from '../catalog';
import { maskCode } from '../licences';
import { signedCount } from '../../kernel/plural';

const RECENT = 10;

/** A ledger reason code → its language key; a full token as is (as the Points page shows it). */
const reasonToken = (reason: string): string => (reason.startsWith('[[') ? reason : `[[bonus:points.reason.${reason}]]`);

export async function membersPage(services: Services, ctx: RequestContext): Promise<PageResult> {
  const query = typeof ctx.query.member === 'string' ? ctx.query.member.trim().slice(0, 100) : '';
  const base = { kind: 'render' as const, template: 'admin/plugins/bonus-members', title: '[[bonus:members.title]]' };
  const home = `${ctx.relativePath}/admin/plugins/bonus`;
  if (!query) return { ...base, data: { query, searched: false, found: false, homeUrl: home } };
  const uid = await services.host.users.getUidByUsername(query);
  const [user] = uid ? await services.host.users.getUsers([uid]) : [null];
  if (!uid || !user) return { ...base, data: { query, searched: true, found: false, homeUrl: home } };
  const admin = { uid: ctx.uid };
  const when = await whenFor(services, ctx.lang);
  const [club, sellersBalance, history, orders, loans, warnings, licences, seller] = await Promise.all([
    services.ledger.balances([uid]), services.sellers.ledger.balances([uid]),
    services.ledger.history(uid, 1, RECENT),
    services.orders.memberOrdersPage({ uid }, 0, RECENT),
    services.loans.listOf(admin, uid),
    services.warnings.listOf(admin, uid),
    services.licences.list(uid),
    services.sellers.member(uid),
  ]);
  const zero = { pending: 0, posted: 0, held: 0, spendable: 0 };
  const slug = encodeURIComponent(user.userslug);
  const name = encodeURIComponent(user.username);
  return {
    ...base,
    data: {
      query, searched: true, found: true, homeUrl: home,
      member: {
        uid, username: user.username, picture: user.picture ?? '', banned: user.banned,
        profileUrl: `${ctx.relativePath}/user/${slug}`,
        pointsUrl: `${ctx.relativePath}/user/${slug}/bonus`,
        licencesUrl: `${ctx.relativePath}/user/${slug}/bonus-licences`,
      },
      balances: [
        { programme: 'club', title: '[[bonus:economy.programme.club]]', ...(club.get(uid) ?? zero) },
        { programme: 'sellers', title: '[[bonus:economy.programme.sellers]]', ...(sellersBalance.get(uid) ?? zero) },
      ],
      history: history.entries.map((e) => ({ id: e.id, at: when(e.createdAt), kind: e.kind, amount: signedCount(ctx.lang, services.ledger.signedEffect(e)), reason: reasonToken(e.reason) })),
      hasHistory: history.entries.length > 0,
      orders: orders.ok ? orders.value.orders.map((o) => ({
        id: o.order.id, at: when(o.order.createdAt), total: o.order.total, status: `[[bonus:order.status.${o.status}]]`, url: `${ctx.relativePath}/bonus/orders/${o.order.id}`,
      })) : [],
      hasOrders: orders.ok && orders.value.orders.length > 0,
      loans: loans.ok ? loans.value.slice(0, RECENT).map((l) => ({ id: l.id, amount: l.amount, outstanding: l.outstanding, state: `[[bonus:loans.state.${l.view}]]`, at: when(l.createdAt) })) : [],
      hasLoans: loans.ok && loans.value.length > 0,
      warnings: warnings.ok ? warnings.value.slice(0, RECENT).map((w) => ({ id: w.id, amount: w.amount, reason: w.reason, at: when(w.createdAt), revoked: w.revokedAt > 0 })) : [],
      hasWarnings: warnings.ok && warnings.value.length > 0,
      licences: licences.slice(0, RECENT).map((h) => ({
        code: maskCode(h.code), product: h.product === null ? '' : typeof h.product === 'string' ? h.product : localized(h.product, ctx.lang),
        expires: h.expiresAt ? when(h.expiresAt) : '', source: h.source === 'order' && h.orderId ? translationToken('licences.source.order', [h.orderId]) : '[[bonus:licences.source.hand]]',
      })),
      hasLicences: licences.length > 0,
      seller: seller ? { status: `[[bonus:retail.status.${seller.status}]]`, shopName: seller.shopName, city: seller.city } : null,
      links: [
        { url: `${ctx.relativePath}/admin/plugins/bonus/operations`, text: '[[bonus:members.act.operation]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/orders?member=${name}`, text: '[[bonus:members.act.orders]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/loans`, text: '[[bonus:members.act.loans]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/transfers`, text: '[[bonus:members.act.transfers]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/sellers?member=${name}`, text: '[[bonus:members.act.sellers]]' },
        { url: `${ctx.relativePath}/admin/plugins/bonus/licences`, text: '[[bonus:members.act.licences]]' },
      ],
    },
  };
}
