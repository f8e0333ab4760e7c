// Client module `forum/bonus/licences` (and the profile tab `account/bonus-licences`): adds a code,
// reveals one to its owner, removes one only after "I agree" is ticked, downloads the member's data.
// Every refusal comes from the server, already translated.
import * as api from 'api';
import * as alerts from 'alerts';
import translator from 'translator';
import { downloadFile, guardForms } from 'bonus-confirm';


export function init() {
  guardForms();
  const page = document.querySelector('[data-bonus-page="licences"]');
  if (!page) return;
  const form = page.querySelector('[data-bonus="add-form"]');
  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const box = form.querySelector('[data-bonus="form-error"]');
    const button = form.querySelector('[type="submit"]');
    box.textContent = '';
    button.disabled = true;
    try {
      await api.post('/plugins/bonus/licences', { code: form.querySelector('[name="code"]').value });
      alerts.success('[[bonus:licences.added-ok]]');
      ajaxify.refresh();
    } catch (err) {
      box.textContent = err.message || String(err);
      button.disabled = false;
    }
  });
  page.querySelectorAll('[data-bonus="licence"]').forEach((item) => {
    const id = item.dataset.id;
    const code = item.querySelector('[data-bonus="code"]');
    const masked = code.textContent;
    item.querySelector('[data-bonus="reveal"]')?.addEventListener('click', async (ev) => {
      const btn = ev.currentTarget;
      if (btn.dataset.shown) {
        code.textContent = masked;
        code.classList.remove('user-select-all');
        delete btn.dataset.shown;
        btn.textContent = btn.dataset.revealText;
        return;
      }
      try {
        const r = await api.post(`/plugins/bonus/licences/${id}/reveal`, {});
        code.textContent = r.code;
        code.classList.add('user-select-all');
        btn.dataset.revealText = btn.textContent;
        btn.dataset.shown = '1';
        btn.textContent = await translator.translate('[[bonus:licences.hide]]');
      } catch (err) {
        alerts.error(err);
      }
    });
    const agree = item.querySelector('[data-bonus="agree"]');
    const remove = item.querySelector('[data-bonus="remove-confirm"]');
    agree?.addEventListener('change', () => { remove.disabled = !agree.checked; });
    remove?.addEventListener('click', async () => {
      remove.disabled = true;
      try {
        await api.del(`/plugins/bonus/licences/${id}`, { agree: agree.checked });
        alerts.success('[[bonus:licences.removed-ok]]');
        ajaxify.refresh();
      } catch (err) {
        alerts.error(err);
        remove.disabled = !agree.checked;
      }
    });
  });
  page.querySelector('[data-bonus="export"]')?.addEventListener('click', async () => {
    try {
      const data = await api.get('/plugins/bonus/licences/export', {});
      downloadFile('my-licences.json', JSON.stringify(data, null, 2), 'application/json;charset=utf-8');
    } catch (err) {
      alerts.error(err);
    }
  });
}
