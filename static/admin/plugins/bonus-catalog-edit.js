// Client module `admin/plugins/bonus-catalog-edit`: create/edit a product (both languages side by
// side), image upload through NodeBB's uploader (URL otherwise), stock adjustments, code import.
import * as api from 'api';
import * as alerts from 'alerts';
import { guardForms } from 'bonus-confirm';

const BASE = '/plugins/bonus/admin/catalog';

function reload() {
  if (typeof ajaxify !== 'undefined' && ajaxify.refresh) ajaxify.refresh();
  else location.reload();
}

function intOr(value, fallback) {
  const n = Number(value);
  return value === '' || value === null || !Number.isFinite(n) ? fallback : n;
}

/** The product form → the API's JSON (only the fields this kind has). */
function readProduct(form, current) {
  const d = new FormData(form);
  const get = (name) => (d.has(name) ? String(d.get(name)) : null);
  const body = {
    visibility: get('visibility'),
    programme: get('programme') || 'club',
    categoryId: get('categoryId') ? Number(get('categoryId')) : null,
    sortOrder: intOr(get('sortOrder'), 0),
    title: { 'en-GB': get('title.en-GB') || '', ru: get('title.ru') || '' },
    description: { 'en-GB': get('description.en-GB') || '', ru: get('description.ru') || '' },
    images: (get('images') || '').split(/\s*\n\s*/).map((s) => s.trim()).filter(Boolean),
    limit: d.has('limitOn') ? { maxUnits: intOr(get('limit.maxUnits'), 1), months: intOr(get('limit.months'), 1), scope: get('limit.scope') } : null,
  };
  if (get('priceInPoints') !== null) body.priceInPoints = intOr(get('priceInPoints'), 0);
  if (get('stockMode') !== null) {
    body.stockMode = get('stockMode');
    body.inStock = d.has('inStock');
  }
  if (get('sizes') !== null) {
    const existing = new Map((current.variants || []).map((v) => [v.label.toUpperCase(), v]));
    const flags = form.querySelector('input[name="sizeInStock"]') ? new Set(d.getAll('sizeInStock').map(String)) : null;
    body.variants = get('sizes').split(',').map((s) => s.trim()).filter(Boolean).map((label) => {
      const known = existing.get(label.toUpperCase());
      if (!known) return { label, inStock: true };
      return { id: known.id, label, inStock: flags ? flags.has(known.id) : known.inStock };
    });
  }
  if (get('deliveryClass') !== null) {
    body.deliveryClass = get('deliveryClass');
    body.allowedCountries = d.getAll('allowedCountries').map(String);
    body.forbiddenCountries = d.getAll('forbiddenCountries').map(String);
  }
  if (current.kind === 'license') body.activationRegions = d.getAll('activationRegions').map(String);
  if (get('topUp.minAmount') !== null) {
    body.topUp = { minAmount: intOr(get('topUp.minAmount'), 0), stepAmount: intOr(get('topUp.stepAmount'), 0), maxAmount: intOr(get('topUp.maxAmount'), 0) };
    body.priceInPoints = 0;
  }
  return body;
}

/**
 * The report, translated with its numbers in place (NodeBB's translator escapes a literal "%1" in
 * arguments, so each line is translated with its own values).
 */
async function renderReport(box, report) {
  const { default: translator } = await import('translator');
  const t = (key, args) => translator.translate(`[[admin/plugins/bonus:catalog.report.${key}, ${args.join(', ')}]]`);
  box.replaceChildren();
  const summary = document.createElement('p');
  summary.textContent = await t('summary', [report.added, report.lines, report.problemCount, report.poolAvailable]);
  box.appendChild(summary);
  if (!report.problems.length) return;
  const list = document.createElement('ul');
  list.className = 'small mb-0';
  const lines = await Promise.all(report.problems.map((p) => t(p.problem, [p.line, p.firstLine || ''])));
  for (const text of lines) {
    const li = document.createElement('li');
    li.textContent = text;
    list.appendChild(li);
  }
  box.appendChild(list);
}

/**
 * NodeBB parses JSON bodies up to 100 kB by default: a long file goes in chunks of CHUNK_LINES lines,
 * each with its first line number, and the reports are merged. (A code repeated in a later chunk is
 * reported as "imported before" rather than "same as line n".)
 */
const CHUNK_LINES = 2000;
async function importInChunks(productId, text) {
  const lines = text.split(/\r\n|\r|\n/);
  const total = { lines: 0, added: 0, blank: 0, problems: [], problemCount: 0, poolAvailable: 0 };
  for (let start = 0; start < lines.length; start += CHUNK_LINES) {
    const chunk = lines.slice(start, start + CHUNK_LINES).join('\n');
    const r = await api.post(`${BASE}/products/${productId}/codes`, { text: chunk, firstLine: start + 1 });
    total.lines += r.lines;
    total.added += r.added;
    total.blank += r.blank;
    total.problemCount += r.problemCount;
    total.problems = total.problems.concat(r.problems).slice(0, 1000);
    total.poolAvailable = r.poolAvailable;
  }
  return total;
}

/** The pool line after an import: unsold codes and codes available to order both grew by `added`. */
async function refreshPool(line, report) {
  if (!line) return;
  const stock = Number(line.dataset.stock) + report.added;
  line.dataset.stock = String(stock);
  const { default: translator } = await import('translator');
  line.textContent = await translator.translate(`[[admin/plugins/bonus:catalog.pool, ${report.poolAvailable}, ${line.dataset.sold}, ${stock}]]`);
}

async function uploadImage(root, textarea) {
  const note = root.querySelector('[data-bonus="upload-note"]');
  try {
    const { default: uploader } = await import('uploader');
    uploader.show({
      route: `${config.relative_path}/api/admin/upload/file`,
      params: { folder: 'bonus' },
      accept: 'image/*',
    }, (url) => {
      textarea.value = `${textarea.value.trim()}\n${url}`.trim();
    });
  } catch {
    const { default: translator } = await import('translator');
    note.textContent = await translator.translate('[[admin/plugins/bonus:catalog.upload-unavailable]]');
  }
}

export function init() {
  guardForms();
  const root = document.querySelector('.bonus-admin-catalog-edit');
  if (!root) return;
  const current = JSON.parse(root.querySelector('[data-bonus="product-json"]').dataset.json);
  const isNew = !current.id;
  const form = root.querySelector('form.bonus-product-form');
  const errorBox = root.querySelector('[data-bonus="form-error"]');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errorBox.textContent = '';
    const body = readProduct(form, current);
    try {
      if (isNew) {
        const created = await api.post(`${BASE}/products`, { kind: current.kind, ...body });
        location.href = `${config.relative_path}/admin/plugins/bonus/catalog/${created.id}`;
        return;
      }
      await api.put(`${BASE}/products/${current.id}`, body);
      alerts.success('[[admin/plugins/bonus:catalog.saved]]');
      reload();
    } catch (err) {
      errorBox.textContent = err && err.message ? err.message : String(err);
      alerts.error(err);
    }
  });

  const upload = root.querySelector('[data-action="upload-image"]');
  if (upload) upload.addEventListener('click', () => uploadImage(root, form.querySelector('#bonus-images')));

  const duplicate = root.querySelector('[data-action="duplicate"]');
  if (duplicate) {
    duplicate.addEventListener('click', async () => {
      try {
        const copy = await api.post(`${BASE}/products/${current.id}/duplicate`, {});
        location.href = `${config.relative_path}/admin/plugins/bonus/catalog/${copy.id}`;
      } catch (err) {
        alerts.error(err);
      }
    });
  }

  const adjust = root.querySelector('form.bonus-adjust-form');
  if (adjust) {
    adjust.addEventListener('submit', async (event) => {
      event.preventDefault();
      const d = new FormData(adjust);
      try {
        await api.post(`${BASE}/products/${current.id}/stock`, {
          variantId: d.has('variantId') ? String(d.get('variantId')) : null,
          delta: intOr(d.get('delta'), 0),
          reason: String(d.get('reason') || ''),
        });
        alerts.success('[[admin/plugins/bonus:catalog.adjusted]]');
        reload();
      } catch (err) {
        alerts.error(err);
      }
    });
  }

  const codes = root.querySelector('form.bonus-codes-form');
  if (codes) {
    const file = codes.querySelector('#bonus-codes-file');
    const text = codes.querySelector('#bonus-codes-text');
    file.addEventListener('change', async () => {
      if (file.files && file.files[0]) text.value = await file.files[0].text();
    });
    codes.addEventListener('submit', async (event) => {
      event.preventDefault();
      const box = root.querySelector('[data-bonus="import-report"]');
      try {
        const report = await importInChunks(current.id, text.value);
        text.value = '';
        file.value = '';
        await renderReport(box, report);
        await refreshPool(root.querySelector('[data-bonus="pool"]'), report);
      } catch (err) {
        alerts.error(err);
      }
    });
  }
}
