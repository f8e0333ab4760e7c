/**
 * Issue 21, the economy dashboard's history (`npm start` and the dashboard's browser test; not the
 * other suites' seed): 60 days of club and sellers' points written through the ledgers with the clock
 * moved back, so the dashboard's charts, its period comparison and the member overview have something
 * to show — birthdays, group entries, top-3 prizes, post points, operations and refunds issued;
 * orders (hold then capture, some released), warnings and a write-off spent; sellers' sales and prizes,
 * box codes registered (some refused or duplicated) and decided in review.
 * Deterministic (no randomness), every key under `sandbox:eco:`.
 */
import type { FakeHost } from './index';

const D = 24 * 60 * 60 * 1000;

export async function seedEconomy(fake: FakeHost): Promise<void> {
  const s = fake.plugin.services;
  const user = (name: string) => [...fake.forum.users.values()].find((u) => u.username === name)?.uid ?? 0;
  const club = ['nina', 'pavel', 'anna', 'konstantin', 'olga', 'sergey', 'boris'].map(user).filter((u) => u > 0);
  const sellers = ['marat', 'irina', 'denis'].map(user).filter((u) => u > 0);
  const now = fake.clock.now();
  const reviewBox = (await s.sellers.products()).find((p) => p.mode === 'review')?.id ?? '';
  const reasons = ['reply', 'topic', 'birthday', 'group-entry', 'top-week', 'event', 'order-cancelled'] as const;
  for (let back = 60; back >= 1; back -= 1) {
    // mid-day in the forum's zone, a few minutes apart
    fake.clock.set(now - back * D - 6 * 60 * 60 * 1000);
    // more activity in the last month than the one before (the comparison has a story)
    const busy = back <= 30 ? 2 : 1;
    for (const [i, uid] of club.entries()) {
      const k = `sandbox:eco:${back}:${uid}`;
      if ((back + i) % 2 === 0) await s.ledger.credit({ uid, amount: 3 * busy + (i % 4), key: `${k}:c1`, reason: reasons[(back + i) % reasons.length] });
      if ((back * 3 + i) % 5 === 0) await s.ledger.credit({ uid, amount: 10 + i, key: `${k}:c2`, reason: reasons[(back * 2 + i) % reasons.length] });
      if ((back + i) % 9 === 0) {
        const hold = await s.ledger.hold({ uid, amount: 8 + i, key: `${k}:hold`, reason: 'order' });
        if (hold.ok && back % 4 !== 0) await s.ledger.capture({ targetKey: `${k}:hold` });
        else if (hold.ok && back > 3) await s.ledger.release({ targetKey: `${k}:hold`, reason: 'order-cancelled' });
      }
      if ((back + i * 5) % 17 === 0) await s.ledger.debit({ uid, amount: 5, key: `${k}:warn`, reason: 'warning' });
      if ((back + i) % 13 === 0) await s.ledger.spend({ uid, amount: 2, key: `${k}:out`, reason: 'transfer-out' });
      fake.clock.advance(7 * 60 * 1000);
    }
    for (const [i, uid] of sellers.entries()) {
      const k = `sandbox:eco:${back}:${uid}`;
      // box codes registered through the programme (the dashboard's sellers block): the review-mode
      // box, decided the same day (one in five rejected); now and then a duplicate and a malformed code
      if ((back + i) % 2 === 0) {
        const box = `KIS3H-${String(back).padStart(5, '0')}-${String(i).padStart(5, '0')}-${String(busy).padStart(5, '0')}`;
        const lines = await s.sellers.register({ uid }, box, reviewBox);
        const sale = lines.ok ? lines.value[0]?.result : undefined;
        if (sale?.ok && back > 2) await s.sellers.sales.decide(sale.sale.id, back % 5 === 0 ? 'reject' : 'approve', back % 5 === 0 ? 'The photo does not show the box.' : '');
        if ((back + i) % 6 === 0 && !(await s.sellers.register({ uid }, box, reviewBox)).ok) throw new Error('a duplicate is refused per line, not as a whole');
      }
      if ((back + i) % 10 === 0 && !(await s.sellers.register({ uid }, 'KIS3H-1', reviewBox)).ok) throw new Error('a malformed code is refused per line, not as a whole');
      if ((back + i) % 3 === 0) await s.sellers.ledger.credit({ uid, amount: 50 * busy, key: `${k}:sale`, reason: 'retail-sale' });
      if ((back + i) % 11 === 0) await s.sellers.ledger.spend({ uid, amount: 40, key: `${k}:prize`, reason: 'order' });
      fake.clock.advance(5 * 60 * 1000);
    }
  }
  fake.clock.set(now);
  // and a check of the figures against the journal, as the nightly job leaves it
  await s.economy.rebuild(false);
}
