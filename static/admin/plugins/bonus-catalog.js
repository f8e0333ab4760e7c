// Client module `admin/plugins/bonus-catalog`: the catalog list (duplicate, publish/hide) and store categories.
import * as api from 'api';
import * as alerts from 'alerts';
import { confirmAction, guardForms } from 'bonus-confirm';

const BASE = '/plugins/bonus/admin/catalog';

function reload() {
  if (typeof ajaxify !== 'undefined' && ajaxify.refresh) ajaxify.refresh();
  else location.reload();
}

async function act(button) {
  const id = button.dataset.id;
  const action = button.dataset.action;
  try {
    if (action === 'duplicate') {
      const copy = await api.post(`${BASE}/products/${id}/duplicate`, {});
      location.href = `${config.relative_path}/admin/plugins/bonus/catalog/${copy.id}`;
      return;
    }
    if (action === 'hide' || action === 'publish') {
      await api.put(`${BASE}/products/${id}/visibility`, { visibility: action === 'hide' ? 'hidden' : 'on-sale' });
    }
    if (action === 'delete-category') {
      // the server wrote the question (the category's name escaped inside it, its product count)
      if (!(await confirmAction(button.dataset.confirm))) return;
      await api.del(`${BASE}/categories/${id}`, {});
    }
    reload();
  } catch (err) {
    alerts.error(err);
  }
}

export function init() {
  guardForms();
  const root = document.querySelector('.bonus-admin-catalog');
  if (!root) return;
  root.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (button) act(button);
  });
  const categoryForm = root.querySelector('form.bonus-category-form');
  categoryForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(categoryForm);
    try {
      await api.post(`${BASE}/categories`, {
        title: { 'en-GB': String(data.get('en') || ''), ru: String(data.get('ru') || '') },
        sortOrder: Number(data.get('sortOrder') || 0),
      });
      reload();
    } catch (err) {
      alerts.error(err);
    }
  });
}
