// Client module `admin/plugins/bonus-settings`: saves the whole form at once; ACP actions.
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction, guardForms } from 'bonus-confirm';

function collect(form) {
  const body = {};
  form.querySelectorAll('select[name], input[name], textarea[name]').forEach((el) => { body[el.name] = el.value; });
  body.earningCids = [...form.querySelectorAll('[data-bonus="earning-cid"]:checked')].map((el) => el.value).join(',');
  form.querySelectorAll('[data-bonus="exclusion"]').forEach((row) => {
    body[row.dataset.name] = JSON.stringify([...row.querySelectorAll('input:checked')].map((el) => el.value));
  });
  return body;
}

export function init() {
  guardForms();
  const form = document.querySelector('[data-bonus="settings-form"]');
  if (!form) return;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api.put('/plugins/bonus/settings', collect(form));
      alerts.success('[[bonus:settings.saved]]');
    } catch (err) {
      alerts.error(err);
    }
  });
  form.querySelectorAll('[data-bonus="backfill"]').forEach((btn) => {
    btn.addEventListener('click', async () => {
      if (btn.dataset.mode === 'pay' && !(await confirmAction('[[bonus:confirm.backfill-pay]]'))) return;
      try {
        const r = await api.post('/plugins/bonus/admin/group-gifts/backfill', { mode: btn.dataset.mode });
        alerts.success(`[[bonus:settings.backfill-done, ${r.count}]]`);
      } catch (err) {
        alerts.error(err);
      }
    });
  });
  const reindex = form.querySelector('[data-bonus="reindex"]');
  reindex?.addEventListener('click', async () => {
    try {
      const r = await api.post('/plugins/bonus/admin/birthdays/reindex', {});
      alerts.success(`[[bonus:settings.reindex-done, ${r.count}]]`);
    } catch (err) {
      alerts.error(err);
    }
  });
  // the handlers are attached: a submit from now on is saved through the API (tests wait for this)
  form.dataset.bonusReady = '1';
}
