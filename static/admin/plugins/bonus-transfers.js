// Client module `admin/plugins/bonus-transfers`: reverse a transfer (idempotent on the server).
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction } from 'bonus-confirm';

export function init() {
  document.querySelectorAll('[data-bonus="reverse"]').forEach((btn) => {
    btn.addEventListener('click', async () => {
      if (!(await confirmAction(`[[bonus:confirm.reverse-transfer, ${Number(btn.dataset.id)}]]`))) return;
      btn.disabled = true;
      try {
        await api.post(`/plugins/bonus/transfers/${btn.dataset.id}/reverse`, {});
        alerts.success('[[bonus:transfer.reversed-done]]');
        ajaxify.refresh();
      } catch (err) {
        alerts.error(err);
        btn.disabled = false;
      }
    });
  });
}
