// Client module `admin/plugins/bonus-events`: contest entries (accept / reject with a reason), places
// 1–5 and publication; the draw's prizes per category, the freeze and the rate.
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction } from 'bonus-confirm';

function errorBox(page, text) {
  const box = page.querySelector('[data-bonus="form-error"]');
  if (box) box.textContent = text;
}

async function run(page, fn, done) {
  errorBox(page, '');
  try {
    await fn();
    if (done) alerts.success(done);
    ajaxify.refresh();
  } catch (err) {
    errorBox(page, err.message || String(err));
  }
}

export function init() {
  const page = document.querySelector('[data-bonus-page="admin-events"]');
  if (!page) return;
  const month = page.dataset.month;
  page.querySelectorAll('[data-bonus="accept"]').forEach((btn) => btn.addEventListener('click', () => run(page,
    () => api.post(`/plugins/bonus/admin/events/entries/${btn.dataset.entryId}`, { decision: 'accept' }), '[[bonus:events.saved]]')));
  page.querySelectorAll('[data-bonus="reject"]').forEach((btn) => btn.addEventListener('click', () => {
    const reason = btn.closest('[data-bonus="pending-entry"]').querySelector('[data-bonus="reason"]').value;
    return run(page, () => api.post(`/plugins/bonus/admin/events/entries/${btn.dataset.entryId}`, { decision: 'reject', reason }), '[[bonus:events.saved]]');
  }));
  const places = page.querySelector('[data-bonus="places-form"]');
  const placeList = () => [1, 2, 3, 4, 5].map((i) => Number(places.querySelector(`[name="place${i}"]`).value) || null);
  places?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    run(page, () => api.put(`/plugins/bonus/admin/events/contest/${month}/places`, { places: placeList() }), '[[bonus:events.saved]]');
  });
  places?.querySelector('[data-bonus="publish"]')?.addEventListener('click', async () => {
    if (!(await confirmAction('[[bonus:events.confirm-publish]]'))) return;
    await run(page, async () => {
      await api.put(`/plugins/bonus/admin/events/contest/${month}/places`, { places: placeList() });
      await api.post(`/plugins/bonus/admin/events/contest/${month}/publish`, {});
    }, '[[bonus:events.published]]');
  });
  const prizes = page.querySelector('[data-bonus="prizes-form"]');
  prizes?.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const categories = [...prizes.querySelectorAll('[data-bonus="category-row"]')].map((row) => ({
      name: row.querySelector('[name="name"]').value, prize: row.querySelector('[name="prize"]').value,
      value: Number(row.querySelector('[name="value"]').value || 0), minSales: Number(row.querySelector('[name="minSales"]').value || 1),
      group: row.querySelector('[name="group"]').value, payAs: row.querySelector('[name="payAs"]').value,
    }));
    run(page, () => api.put(`/plugins/bonus/admin/events/draw/${month}/prizes`, { categories }), '[[bonus:events.saved]]');
  });
  page.querySelector('[data-bonus="freeze"]')?.addEventListener('click', () => run(page, () => api.post(`/plugins/bonus/admin/events/draw/${month}/freeze`, {}), '[[bonus:events.saved]]'));
  const rate = page.querySelector('[data-bonus="rate-form"]');
  rate?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (!(await confirmAction('[[bonus:events.confirm-draw]]'))) return;
    await run(page, () => api.post(`/plugins/bonus/admin/events/draw/${month}/rate`, Object.fromEntries(new FormData(rate))), '[[bonus:events.saved]]');
  });
}
