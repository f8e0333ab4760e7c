// Client module `forum/bonus/warnings`: the warn form and the admins' revoke buttons.
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction, guardForms } from 'bonus-confirm';
import { userField } from 'bonus-users';

export function init() {
  guardForms();
  const page = document.querySelector('[data-bonus-page="warnings"]');
  if (!page) return;
  const form = page.querySelector('[data-bonus="warn-form"]');
  if (form) {
    userField(form.querySelector('[name="username"]'));
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const data = Object.fromEntries(new FormData(form));
      try {
        await api.post('/plugins/bonus/warnings', data);
        alerts.success('[[bonus:warnings.issued]]');
        ajaxify.refresh();
      } catch (err) {
        alerts.error(err);
      }
    });
  }
  page.querySelectorAll('[data-bonus="revoke"]').forEach((btn) => {
    btn.addEventListener('click', async () => {
      if (!(await confirmAction(`[[bonus:confirm.revoke-warning, ${Number(btn.dataset.id)}]]`))) return;
      try {
        await api.post(`/plugins/bonus/warnings/${btn.dataset.id}/revoke`, {});
        alerts.success('[[bonus:warnings.revoked-done]]');
        ajaxify.refresh();
      } catch (err) {
        alerts.error(err);
      }
    });
  });
}
