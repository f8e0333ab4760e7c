// Client module `admin/plugins/bonus-transfers`: reverse a transfer (idempotent on the server).
import * as api from 'api';
import * as alerts from 'alerts';

export function init() {
  document.querySelectorAll('[data-bonus="reverse"]').forEach((btn) => {
    btn.addEventListener('click', async () => {
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
