/**
 * Claims on delivered orders (issue 6, item 8): the buyer opens one (idempotent by a client key, one
 * open claim per order), member and admins write in its thread, an admin closes it once with a
 * resolution; a refund credits points through the ledger under `claim:{id}:refund`. The member is
 * notified of every admin message and of the closing; admins of a new claim and of member replies.
 */
import { refusable, type Result, valueOrRaise } from '../../kernel/result';
import { claimRefundKey } from './ledger-keys';
import type { z } from 'zod';
import { type RefusalKind, BonusError } from '../../kernel/errors';
import { ClientKeys } from '../../kernel/idempotency';
import type { Caller, Host } from '../../host/index';
import {
  canOpen, canPost, checkClosing, checkDraft, refundable, type Claim, type ClaimClosing, type ClaimMessage, type Rule,
} from './domain-claims';
import { refundedPoints } from './domain';
import { ClaimStore } from './store-claims';
import { assertAdmin, assertMember } from '../catalog';
import { parseOrThrow } from '../catalog';
import { claimListSchema, claimMessageSchema, closeClaimSchema, openClaimSchema } from './input-claims';
import type { OrdersService } from './service';
import { settled, type Workflow } from '../../kernel/steps-service';

interface CloseData { orderId: number; claim: Claim; closing: ClaimClosing }
interface OpenData { orderId: number; key: string; claim: Claim }

export interface ClaimState {
  claim: Claim;
  /** False from the moment an admin's close took the lease. */
  open: boolean;
  /** The closing is fully recorded (false while a close is under way, or after one stopped: admins may close again). */
  recorded: boolean;
  closing: ClaimClosing | null;
  messages: ClaimMessage[];
}

export { claimRefundKey } from './ledger-keys';

function must(rule: Rule, kind: RefusalKind = 'invalid'): void {
  if (!rule.ok) throw new BonusError(rule.code, rule.args, kind);
}

export class ClaimsService {
  readonly store: ClaimStore;

  private readonly keys: ClientKeys;
  private readonly opening: Workflow<OpenData>;
  private readonly closing: Workflow<CloseData>;

  constructor(private readonly host: Host, private readonly orders: OrdersService) {
    this.store = new ClaimStore(host.db);
    this.keys = new ClientKeys(host.db);
    // the claim written (refused while the order has another open claim) → the admins told → the
    // member's key names it; under the order's lease, finished by the order's next change or the
    // steps recovery job if a crash stops it (issue 12: openings on the durable steps)
    this.opening = orders.orderWorkflow<OpenData>({
      name: 'claim-open',
      steps: [
        {
          name: 'record',
          run: async (d) => {
            const open = await this.store.openClaimOfOrder(d.orderId);
            if (open !== null && open !== d.claim.id) throw new BonusError('error.claims.already-open', [], 'conflict');
            await this.store.create(d.claim, d.key);
          },
        },
        {
          name: 'notify',
          // The same nid if told again: NodeBB keeps one notification per id.
          run: (d, ctx) => ctx.once('notify', () => this.notifyAdmins(d.claim, `bonus:claim:${d.claim.id}:opened`, `[[bonus:claims.notify.opened, ${d.claim.id}, ${d.claim.orderId}]]`)),
        },
        { name: 'key', run: (d) => this.store.commitKey(d.claim.uid, d.key, d.claim.id) },
      ],
    });
    // record → the order's claim slot given back → the refund → the member told (each once)
    this.closing = orders.orderWorkflow<CloseData>({
      name: 'claim-close',
      steps: [
        { name: 'record', run: (d) => this.store.writeClosing(d.claim, d.closing) },
        { name: 'slot', run: (d) => this.store.releaseOrderSlot(d.claim.orderId, d.closing.at) },
        { name: 'refund', run: (d) => this.refund(d.claim, d.closing) },
        {
          name: 'notify',
          // The same nid: NodeBB replaces a notification rather than adding a second one.
          run: (d, ctx) => ctx.once('notify', () => this.notifyMember(d.claim, `bonus:claim:${d.claim.id}:closed`, `[[bonus:claims.notify.closed-${d.closing.resolution}, ${d.claim.id}]]`)),
        },
      ],
    });
  }

  async state(id: number): Promise<ClaimState | null> {
    const claim = Number.isSafeInteger(id) && id > 0 ? await this.store.get(id) : null;
    if (!claim) return null;
    const [open, recorded, closing, messages] = await Promise.all([
      this.store.isClosed(id).then((c) => !c), this.store.isClosingRecorded(id), this.store.closing(id), this.store.messages(id),
    ]);
    return { claim, open, recorded, closing, messages };
  }

  /** Points other claims of the order have refunded (the most this claim may still refund is the rest). */
  refundedByOtherClaims(orderId: number, claimId: number): Promise<number> {
    return this.store.refundedByClaims(orderId, claimId);
  }

  /** The claim's member or an admin; anyone else gets "not found" (as for orders). */
  mustView(caller: Caller, id: number): Promise<Result<ClaimState>> {
    return refusable(() => this.doMustView(caller, id));
  }

  private async doMustView(caller: Caller, id: number): Promise<ClaimState> {
    assertMember(caller);
    const state = await this.state(id);
    if (!state) throw new BonusError('error.not-found', [], 'not-found');
    if (state.claim.uid !== caller.uid && !(await this.host.privileges.isAdmin(caller.uid))) throw new BonusError('error.not-found', [], 'not-found');
    return state;
  }

  memberClaims(caller: Caller): Promise<Result<ClaimState[]>> {
    return refusable(() => this.doMemberClaims(caller));
  }

  private async doMemberClaims(caller: Caller): Promise<ClaimState[]> {
    assertMember(caller);
    return this.states(await this.store.memberClaimIds(caller.uid));
  }

  /** The claims of an order the caller may see (its buyer or an admin), newest first. */
  orderClaims(caller: Caller, orderId: number): Promise<Result<ClaimState[]>> {
    return refusable(() => this.doOrderClaims(caller, orderId));
  }

  private async doOrderClaims(caller: Caller, orderId: number): Promise<ClaimState[]> {
    valueOrRaise(await this.orders.mustView(caller, orderId));
    return this.states(await this.store.orderClaimIds(orderId));
  }

  /** Admins: open claims first (oldest first), then closed ones (newest first). */
  list(caller: Caller, input: unknown): Promise<Result<ClaimState[]>> {
    return refusable(() => this.doList(caller, input));
  }

  private async doList(caller: Caller, input: unknown): Promise<ClaimState[]> {
    return (await this.doListPage(caller, input)).rows;
  }

  /** Admins: open claims first, then closed; one page of them (only the page's claims are read). */
  listPage(caller: Caller, input: unknown, page?: { start: number; count: number }): Promise<Result<{ rows: ClaimState[]; total: number }>> {
    return refusable(() => this.doListPage(caller, input, page));
  }

  private async doListPage(caller: Caller, input: unknown, page?: { start: number; count: number }): Promise<{ rows: ClaimState[]; total: number }> {
    await assertAdmin(this.host, caller);
    const { status } = parseOrThrow(claimListSchema, input);
    const ids = [...new Set([
      ...(status !== 'closed' ? await this.store.openIds() : []),
      ...(status !== 'open' ? await this.store.closedIds() : []),
    ])];
    const slice = page ? ids.slice(page.start, page.start + page.count) : ids;
    const rows = (await this.states(slice)).filter((s) => status === '' || s.open === (status === 'open'));
    return { rows, total: ids.length };
  }

  private async states(ids: number[]): Promise<ClaimState[]> {
    return (await Promise.all(ids.map((id) => this.state(id)))).filter((s): s is ClaimState => s !== null);
  }

  /** Whether the caller may open a claim on the order now (the order page shows the form). */
  async canOpen(caller: Caller, orderId: number): Promise<boolean> {
    const order = await this.orders.state(orderId);
    if (!order) return false;
    return canOpen({ uid: order.order.uid, status: order.status }, caller.uid, await this.store.orderHasOpenClaim(orderId)).ok;
  }

  // --- opening ---------------------------------------------------------------------------------

  open(caller: Caller, input: unknown, relativePath = ''): Promise<Result<ClaimState>> {
    return refusable(() => this.doOpen(caller, input, relativePath));
  }

  private async doOpen(caller: Caller, input: unknown, relativePath = ''): Promise<ClaimState> {
    assertMember(caller);
    const req = parseOrThrow(openClaimSchema, input);
    const draft = { problem: req.problem, description: req.description.trim(), photos: req.photos, videoUrl: req.videoUrl };
    must(checkDraft(draft, relativePath));
    // The key stands for this claim only (issue 11, item 3); a refused opening frees it.
    const { release } = await this.keys.bind('claim', caller.uid, req.key, { orderId: req.orderId, ...draft });
    try {
      return await this.openBound(caller, req, draft);
    } catch (err) {
      if (err instanceof BonusError && (await this.store.claimIdByKey(caller.uid, req.key)) === null) await release();
      throw err;
    }
  }

  private async openBound(caller: Caller, req: z.infer<typeof openClaimSchema>, draft: Omit<Claim, 'id' | 'orderId' | 'uid' | 'createdAt'>): Promise<ClaimState> {
    const replay = await this.replay(caller, req.key);
    if (replay) return replay;
    const order = valueOrRaise(await this.orders.mustView(caller, req.orderId));
    // Whether the order already has an open claim is decided by the workflow, under the order's
    // lease, so that a repeated request with the same key replays instead.
    const allowed = canOpen({ uid: order.order.uid, status: order.status }, caller.uid, false);
    must(allowed, !allowed.ok && allowed.code === 'error.claims.not-buyer' ? 'forbidden' : 'conflict');
    const claim: Claim = { id: await this.store.newId(), orderId: req.orderId, uid: caller.uid, createdAt: this.host.clock.now(), ...draft };
    try {
      // under the order's lease: an opening a crash stopped (this key's, or another) is finished first
      await this.orders.underLease(req.orderId, () => this.orders.runOrderWorkflow(this.opening, `${req.orderId}:open:${claim.id}`, { orderId: req.orderId, key: req.key, claim }));
    } catch (err) {
      // the same key's first request (or its crashed run, finished above) opened it: replay that one
      const first = err instanceof BonusError ? await this.replay(caller, req.key) : null;
      if (first) return first;
      throw err;
    }
    return (await this.state(claim.id))!;
  }

  private async replay(caller: Caller, key: string): Promise<ClaimState | null> {
    const id = await this.store.claimIdByKey(caller.uid, key);
    return id === null ? null : this.state(id);
  }

  // --- the thread ------------------------------------------------------------------------------

  addMessage(caller: Caller, id: number, input: unknown): Promise<Result<ClaimMessage>> {
    return refusable(() => this.doAddMessage(caller, id, input));
  }

  private async doAddMessage(caller: Caller, id: number, input: unknown): Promise<ClaimMessage> {
    const state = await this.doMustView(caller, id);
    const { text } = parseOrThrow(claimMessageSchema, input);
    const isAdmin = await this.host.privileges.isAdmin(caller.uid);
    // An admin who is also the buyer writes as the member in their own claim.
    const fromAdmin = isAdmin && state.claim.uid !== caller.uid;
    must(canPost(state.claim, state.open && !(await this.store.isClosed(id)), caller.uid, isAdmin), 'conflict');
    const message = await this.store.addMessage(id, { uid: caller.uid, fromAdmin, text, at: this.host.clock.now() });
    if (fromAdmin) await this.notifyMember(state.claim, `bonus:claim:${id}:message:${message.seq}`, `[[bonus:claims.notify.message, ${id}]]`);
    else await this.notifyAdmins(state.claim, `bonus:claim:${id}:message:${message.seq}`, `[[bonus:claims.notify.reply, ${id}]]`);
    return message;
  }

  // --- closing ---------------------------------------------------------------------------------

  /**
   * Admins close a claim once: the first close wins (`winClose`), others are refused — except the
   * same closing repeated, which finishes a close a crash interrupted (every step is idempotent: the
   * record, the order's slot given back once, the refund under its key). A close that stopped before
   * recording anything is taken over after the lease.
   */
  close(caller: Caller, id: number, input: unknown): Promise<Result<ClaimState>> {
    return refusable(() => this.doClose(caller, id, input));
  }

  private async doClose(caller: Caller, id: number, input: unknown): Promise<ClaimState> {
    await assertAdmin(this.host, caller);
    const req = parseOrThrow(closeClaimSchema, input);
    const { claim } = await this.doMustView(caller, id);
    // Under the order's one lease (issue 11, item 1): the refundable rest is read and the refund
    // given while no other change of the order (or claim of it) can run.
    await this.orders.underLease(claim.orderId, async (order) => {
      const max = refundable(order.order.total, refundedPoints(order.order, order.refundedLines), await this.store.refundedByClaims(order.order.id, id));
      must(checkClosing(req, max));
      const closing: ClaimClosing = { resolution: req.resolution, note: req.note, amount: req.amount ?? 0, actorUid: caller.uid, at: this.host.clock.now() };
      if (!(await this.store.winClose(id, closing.at))) {
        const done = await this.store.closing(id);
        if (!done || done.resolution !== closing.resolution || done.amount !== closing.amount) throw new BonusError('error.claims.already-closed', [id], 'conflict');
        await this.finishClose(claim, done);
        return;
      }
      await this.finishClose(claim, closing);
    });
    return (await this.state(id))!;
  }

  /**
   * The steps after winning a close, as the order's workflow `claim-close` (id `{orderId}:claim:{id}`):
   * a crash in between is finished by the recovery job or the order's next change; the same closing
   * repeated finds it finished.
   */
  private finishClose(claim: Claim, closing: ClaimClosing): Promise<void> {
    return this.orders.runOrderWorkflow(this.closing, `${claim.orderId}:claim:${claim.id}`, { orderId: claim.orderId, claim, closing });
  }

  private async refund(claim: Claim, closing: ClaimClosing): Promise<void> {
    if (closing.resolution !== 'refund' || closing.amount <= 0) return;
    // the points go back in the programme that paid for the order
    const order = await this.orders.store.getOrder(claim.orderId);
    const r = await this.orders.ledgerFor(order?.programme ?? 'club').credit({
      uid: claim.uid, amount: closing.amount, key: claimRefundKey(claim.id), reason: 'claim-refund',
      source: { type: 'order', id: claim.orderId }, actorUid: closing.actorUid,
    });
    settled(r, `claim ${claim.id} refund`);
  }

  // --- notifications ---------------------------------------------------------------------------

  private async notifyMember(claim: Claim, nid: string, bodyShort: string): Promise<void> {
    await this.host.messaging.notify({ type: 'bonus-order', nid, bodyShort, path: `/bonus/claims/${claim.id}` }, [claim.uid]);
  }

  private async notifyAdmins(claim: Claim, nid: string, bodyShort: string): Promise<void> {
    const admins = (await this.host.groups.getMembers('administrators', 0, -1)).filter((uid) => uid !== claim.uid);
    if (admins.length > 0) await this.host.messaging.notify({ type: 'bonus-order', nid, bodyShort, path: `/bonus/claims/${claim.id}` }, admins);
  }
}
