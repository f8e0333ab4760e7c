// Client module `admin/plugins/bonus-requests`: saves, adds and deletes support request types. Every
// refusal comes from the server, already translated.
import * as api from 'api';
import * as alerts from 'alerts';

function values(form) {
  const out = {};
  for (const name of ['nameEn', 'nameRu', 'helpEn', 'helpRu', 'subject', 'order', 'handledBy']) out[name] = form.elements[name].value;
  out.order = Number(out.order);
  for (const name of ['subjectOptional', 'fileRequired', 'asksSystem', 'enabled']) out[name] = form.elements[name].checked;
  return out;
}

export function init() {
  const page = document.querySelector('[data-bonus-page="admin-requests"]');
  if (!page) return;
  page.querySelectorAll('[data-bonus="type"]').forEach((item) => {
    const id = item.dataset.id;
    const form = item.querySelector('[data-bonus="type-form"]');
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        await api.put(`/plugins/bonus/admin/requests/types/${encodeURIComponent(id)}`, values(form));
        alerts.success('[[bonus:requests.admin.saved]]');
        ajaxify.refresh();
      } catch (err) {
        alerts.error(err);
      }
    });
    item.querySelector('[data-bonus="delete-type"]').addEventListener('click', async () => {
      try {
        await api.del(`/plugins/bonus/admin/requests/types/${encodeURIComponent(id)}`, {});
        alerts.success('[[bonus:requests.admin.deleted]]');
        ajaxify.refresh();
      } catch (err) {
        alerts.error(err);
      }
    });
  });
  const add = page.querySelector('[data-bonus="add-type"]');
  add.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api.put(`/plugins/bonus/admin/requests/types/${encodeURIComponent(add.elements.id.value.trim())}`, values(add));
      alerts.success('[[bonus:requests.admin.saved]]');
      ajaxify.refresh();
    } catch (err) {
      alerts.error(err);
    }
  });
}
