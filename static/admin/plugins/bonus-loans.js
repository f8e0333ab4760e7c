// Client module `admin/plugins/bonus-loans`: approve or reject pending loan applications.
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction } from 'bonus-confirm';

export function init() {
  document.querySelectorAll('[data-bonus="approve"], [data-bonus="reject"]').forEach((btn) => {
    btn.addEventListener('click', async () => {
      const action = btn.dataset.bonus;
      if (!(await confirmAction(`[[bonus:confirm.loan-${action === 'approve' ? 'approve' : 'reject'}, ${Number(btn.dataset.id)}]]`))) return;
      btn.disabled = true;
      try {
        await api.post(`/plugins/bonus/loans/${btn.dataset.id}/${action}`, {});
        alerts.success(action === 'approve' ? '[[bonus:loans.approved-done]]' : '[[bonus:loans.rejected-done]]');
        ajaxify.refresh();
      } catch (err) {
        alerts.error(err);
        btn.disabled = false;
      }
    });
  });
}
