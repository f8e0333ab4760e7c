/**
 * NodeBB core Rewards (ACP › Manage › Rewards): "award N points" as a reward type, so admins can
 * combine NodeBB's own conditions (post count, reputation, …) with points. NodeBB fires
 * `action:rewards.award:{rid}` once per award it gives; each award gets its own ledger key
 * `reward:{rewardId}:{uid}:{n}` with n from an atomic counter.
 */
import type { ActionHandlers, FilterHandlers } from '../../host/hooks';
import type { Services } from '../../services';
import { localUid } from './domain';
import { rewardKey } from './ledger-keys';

export const AWARD_POINTS_RID = 'bonus:award-points';

export function rewardFilters(): FilterHandlers {
  return {
    'filter:rewards.rewards': async (list) => [
      ...list,
      { rid: AWARD_POINTS_RID, name: '[[bonus:rewards.award-points]]', inputs: [{ type: 'text', name: 'points', label: '[[bonus:rewards.points]]' }] },
    ],
  };
}

export function rewardActions(services: Services): ActionHandlers {
  return {
    'action:rewards.award:bonus:award-points': async ({ uid, rewardData, reward }) => {
      const member = localUid(uid);
      const raw = String(reward?.points ?? '').trim();
      const amount = /^\d+$/.test(raw) ? Number(raw) : 0;
      if (!member || !Number.isSafeInteger(amount) || amount <= 0) return;
      const rewardId = String(rewardData?.id ?? 'unknown').replace(/[^\x21-\x7e]/g, '');
      const n = await services.earning.store.nextRewardAward(rewardId, member);
      await services.ledger.credit({ uid: member, amount, key: rewardKey(rewardId, member, n), reason: '[[bonus:rewards.entry]]', source: { type: 'rule', id: rewardId } });
    },
  };
}
