// Client module `admin/plugins/bonus-operations`: award or deduct points; run reconcile.
import * as api from 'api';
import * as alerts from 'alerts';
import translator from 'translator';
import { confirmAction, counted, guardForms } from 'bonus-confirm';
import { splitNames, userListField } from 'bonus-users';

function reload() {
  if (typeof ajaxify !== 'undefined' && ajaxify.refresh) ajaxify.refresh();
  else location.reload();
}

export function init() {
  guardForms();
  const form = document.getElementById('bonus-operation-form');
  if (form) {
    // the reasons follow award or deduct (issue 15, item 8)
    const direction = form.querySelector('[name="direction"]');
    const reason = form.querySelector('[name="reason"]');
    const follow = () => {
      Array.from(reason.options).forEach((o) => {
        const ok = (o.dataset.directions || '').split(' ').includes(direction.value);
        o.hidden = !ok;
        o.disabled = !ok;
      });
      if (reason.selectedOptions[0] && reason.selectedOptions[0].disabled) reason.value = Array.from(reason.options).find((o) => !o.disabled).value;
    };
    direction.addEventListener('change', follow);
    follow();
    userListField(form.querySelector('[name="usernames"]'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const body = {
        // Generated when the form was shown: submitting twice records the operation once.
        operationKey: form.dataset.operationKey,
        usernames: splitNames(data.get('usernames')),
        programme: data.get('programme') || 'club',
        direction: data.get('direction'),
        amount: Number(data.get('amount')),
        reason: data.get('reason'),
        comment: String(data.get('comment') || ''),
      };
      // says what it will do in total before doing it (issue 15, item 6)
      if (Number.isSafeInteger(body.amount) && body.amount > 0 && body.usernames.length > 0) {
        const kind = body.direction === 'deduct' ? 'deduct' : 'award';
        const total = body.amount * body.usernames.length;
        const phrase = body.programme === 'sellers' ? 'sellerpoints.count' : 'points.count';
        if (!(await confirmAction(`[[bonus:confirm.operation-${kind}, ${counted(phrase, body.amount)}, ${body.usernames.length}, ${counted(phrase, total)}]]`))) return;
      }
      const button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      try {
        await api.post('/plugins/bonus/operations', body);
        alerts.success(await translator.translate('[[bonus:operations.done]]'));
        reload();
      } catch (err) {
        alerts.error(err);
        button.disabled = false;
      }
    });
  }
  const run = document.querySelector('[data-action="reconcile"]');
  if (run) {
    run.addEventListener('click', async () => {
      try {
        await api.post('/plugins/bonus/ledger/reconcile', {});
        reload();
      } catch (err) {
        alerts.error(err);
      }
    });
  }
}
