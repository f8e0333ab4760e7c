// Client module of the support requests' pages (issue 20): `forum/bonus/request-new` (the five
// steps, the draft kept in localStorage so it survives a reload), `forum/bonus/request` (reply,
// internal note, close, reopen, assign). Every refusal comes from the server, already translated.
// The member's words are only ever set as text (textContent), never as HTML.
import * as api from 'api';
import * as alerts from 'alerts';
import translator from 'translator';

function toBase64(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

// Each file goes in chunks of the size the server names (NodeBB takes JSON bodies of at most 1 MB),
// then the server checks the whole file; a refused file's reason comes back translated.
async function upload(file) {
  const start = await api.post('/plugins/bonus/requests/files', { name: file.name, size: file.size });
  const bytes = new Uint8Array(await file.arrayBuffer());
  for (let i = 0; i < start.chunks; i++) {
    await api.post(`/plugins/bonus/requests/files/${start.fid}/chunks`, { index: i, data: toBase64(bytes.subarray(i * start.chunk, (i + 1) * start.chunk)) });
  }
  return api.post(`/plugins/bonus/requests/files/${start.fid}/finish`, {});
}

const FIELDS = ['typeId', 'licenceId', 'orderId', 'claimProblem', 'subject', 'description', 'os', 'version'];

function wizard(page) {
  const form = page.querySelector('[data-bonus="wizard"]');
  const key = `bonus-request-draft:${page.dataset.uid}`;
  const error = page.querySelector('[data-bonus="form-error"]');
  const buttons = { back: form.querySelector('[data-bonus="back"]'), next: form.querySelector('[data-bonus="next"]'), submit: form.querySelector('[data-bonus="submit"]') };
  const labels = Object.fromEntries([...page.querySelector('[data-bonus="labels"]').content.querySelectorAll('[data-k]')].map((s) => [s.dataset.k, s.textContent]));
  let step = 1;
  /** Files uploaded for this draft: { fid, name, size }; the bytes wait on the server under the member. */
  let files = [];

  const type = () => form.querySelector('[name="typeId"]:checked');
  const steps = () => (type()?.dataset.steps || '1').split(',').map(Number);
  const read = () => {
    const d = { typeId: type()?.value || '', step, files };
    for (const f of FIELDS.slice(1)) d[f] = form.elements[f].value;
    return d;
  };
  const save = () => { try { localStorage.setItem(key, JSON.stringify(read())); } catch { /* private mode */ } };
  const restore = () => {
    let d;
    try { d = JSON.parse(localStorage.getItem(key) || 'null'); } catch { d = null; }
    if (!d) return;
    const radio = d.typeId && form.querySelector(`[name="typeId"][value="${CSS.escape(d.typeId)}"]`);
    if (radio) radio.checked = true;
    for (const f of FIELDS.slice(1)) if (typeof d[f] === 'string' && form.elements[f]) form.elements[f].value = d[f];
    if (radio && steps().includes(Number(d.step))) step = Number(d.step);
    if (Array.isArray(d.files)) files = d.files.filter((f) => f && typeof f.fid === 'string' && typeof f.name === 'string');
    page.querySelector('[data-bonus="restored"]').classList.remove('d-none');
  };

  const fileList = form.querySelector('[data-bonus="files"]');
  const drawFiles = () => {
    fileList.replaceChildren(...files.map((f) => {
      const li = document.createElement('li');
      li.dataset.bonus = 'file';
      li.append(Object.assign(document.createElement('span'), { className: 'text-break', textContent: `${f.name} ` }));
      const rm = Object.assign(document.createElement('button'), { type: 'button', className: 'btn btn-link btn-sm p-0 align-baseline', textContent: labels.remove });
      rm.addEventListener('click', async () => {
        files = files.filter((x) => x.fid !== f.fid);
        save();
        drawFiles();
        api.del(`/plugins/bonus/requests/files/${f.fid}`, {}).catch(() => {});
      });
      li.append(rm);
      return li;
    }));
  };
  form.querySelector('#bonus-files').addEventListener('change', async (ev) => {
    const input = ev.target;
    const chosen = [...input.files];
    input.value = '';
    error.textContent = labels.uploading;
    const problems = [];
    for (const file of chosen) {
      try {
        const done = await upload(file);
        files.push({ fid: done.fid, name: done.name, size: done.size });
      } catch (err) {
        problems.push(err.message || String(err));
      }
    }
    error.textContent = problems.join(' ');
    save();
    drawFiles();
  });

  const show = () => {
    const list = steps();
    const t = type();
    form.querySelectorAll('[data-step]').forEach((fs) => { fs.hidden = Number(fs.dataset.step) !== step; });
    page.querySelectorAll('[data-step-label]').forEach((li) => {
      const n = Number(li.dataset.stepLabel);
      li.classList.toggle('fw-bold', n === step);
      li.classList.toggle('text-decoration-line-through', !list.includes(n) && !!t);
      li.classList.toggle('text-secondary', n !== step);
    });
    if (t) {
      form.querySelector('[data-bonus="pick-licence"]').hidden = t.dataset.subject === 'order';
      form.querySelector('[data-bonus="pick-order"]').hidden = t.dataset.subject === 'licence';
      form.querySelector('[data-bonus="may-skip"]').hidden = !t.dataset.optional;
      form.querySelector('[data-bonus="file-required"]').hidden = !t.dataset.file;
      // an order problem on a delivered order may be a claim (wrong or damaged items: a refund decision)
      form.querySelector('[data-bonus="claim-problem"]').hidden = t.dataset.subject !== 'order';
    }
    buttons.back.hidden = step === 1;
    buttons.next.hidden = step === 5;
    buttons.submit.hidden = step !== 5;
    if (step === 5) review();
    error.textContent = '';
  };

  const review = () => {
    const dl = form.querySelector('[data-bonus="review"]');
    dl.replaceChildren();
    const t = type();
    const list = steps();
    const row = (label, value, back) => {
      const dt = Object.assign(document.createElement('dt'), { className: 'col-sm-4 fw-normal text-secondary', textContent: label });
      const dd = Object.assign(document.createElement('dd'), { className: 'col-sm-8 text-break', textContent: value });
      dd.style.whiteSpace = 'pre-wrap';
      const change = Object.assign(document.createElement('button'), { type: 'button', className: 'btn btn-link btn-sm p-0 ms-2 align-baseline', textContent: labels.change });
      change.dataset.bonus = 'change';
      change.addEventListener('click', () => { step = back; save(); show(); });
      dd.append(change);
      dl.append(dt, dd);
    };
    const optionText = (sel) => (sel.value ? sel.selectedOptions[0].textContent : labels.skipped);
    row(labels.type, t ? t.closest('.form-check').querySelector('[data-bonus="type-name"]').textContent : '', 1);
    if (list.includes(2)) {
      if (t.dataset.subject !== 'order') row(labels.licence, optionText(form.elements.licenceId), 2);
      if (t.dataset.subject !== 'licence') row(labels.order, optionText(form.elements.orderId), 2);
    }
    if (t.dataset.subject === 'order' && form.elements.claimProblem.value) row(labels.claimProblem, form.elements.claimProblem.selectedOptions[0].textContent, 3);
    row(labels.subject, form.elements.subject.value, 3);
    row(labels.description, form.elements.description.value, 3);
    if (files.length) row(labels.attachments, files.map((f) => f.name).join(', '), 3);
    if (list.includes(4)) {
      row(labels.os, form.elements.os.value, 4);
      row(labels.version, form.elements.version.value, 4);
    }
  };

  const draft = () => {
    const d = read();
    const t = type();
    const out = { typeId: d.typeId, subject: d.subject, description: d.description, attachments: files.map((f) => f.fid) };
    if (t && steps().includes(2)) {
      if (t.dataset.subject !== 'order' && d.licenceId) out.licenceId = d.licenceId;
      if (t.dataset.subject !== 'licence' && d.orderId) out.orderId = Number(d.orderId);
    }
    if (steps().includes(4)) Object.assign(out, { os: d.os, version: d.version });
    return out;
  };

  // Each step is checked by the server's rules (a dry run of the draft): the first problem of a step
  // at or before this one stops "Next" with its translated reason.
  const next = async () => {
    const list = steps();
    if (!type()) {
      error.textContent = await translator.translate('[[bonus:error.requests.draft.type]]');
      return;
    }
    try {
      const r = await api.post('/plugins/bonus/requests/check', { draft: draft(), step });
      if (r.problem) {
        error.textContent = r.problem;
        return;
      }
    } catch (err) {
      error.textContent = err.message || String(err);
      return;
    }
    step = list[list.indexOf(step) + 1] || 5;
    save();
    show();
  };

  form.addEventListener('change', (ev) => {
    if (ev.target.name === 'typeId') show();
    if (ev.target.type !== 'file') save();
  });
  form.addEventListener('input', save);
  buttons.next.addEventListener('click', next);
  buttons.back.addEventListener('click', () => {
    const list = steps();
    step = list[list.indexOf(step) - 1] || 1;
    save();
    show();
  });
  page.querySelector('[data-bonus="discard"]').addEventListener('click', () => {
    try { localStorage.removeItem(key); } catch { /* private mode */ }
    form.reset();
    files = [];
    drawFiles();
    step = 1;
    page.querySelector('[data-bonus="restored"]').classList.add('d-none');
    show();
  });
  // one key per draft: a second click or a retry after a lost answer files the request once
  let submitKey = null;
  const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    buttons.submit.disabled = true;
    submitKey = submitKey || newKey();
    try {
      const t = type();
      const claimProblem = t && t.dataset.subject === 'order' ? form.elements.claimProblem.value : '';
      const r = await api.post('/plugins/bonus/requests', { draft: draft(), key: submitKey, ...(claimProblem ? { claimProblem } : {}) });
      submitKey = null;
      try { localStorage.removeItem(key); } catch { /* private mode */ }
      form.hidden = true;
      page.querySelector('[data-bonus="restored"]').classList.add('d-none');
      const done = page.querySelector('[data-bonus="done"]');
      done.querySelector('[data-bonus="done-text"]').textContent = await translator.translate(r.claim ? `[[bonus:requests.claim-opened, ${Number(r.id)}]]` : `[[bonus:requests.submitted, ${Number(r.id)}]]`);
      done.querySelector('[data-bonus="done-link"]').href = r.url;
      done.classList.remove('d-none');
    } catch (err) {
      error.textContent = err.message || String(err);
      buttons.submit.disabled = false;
    }
  });
  restore();
  drawFiles();
  show();
}

function conversation(page) {
  const id = page.dataset.id;
  const form = page.querySelector('[data-bonus="reply-form"]');
  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const box = form.querySelector('[data-bonus="form-error"]');
    const button = form.querySelector('[type="submit"]');
    box.textContent = '';
    button.disabled = true;
    try {
      const fids = [];
      const chosen = [...form.querySelector('#bonus-reply-files').files];
      if (chosen.length) box.textContent = page.querySelector('[data-bonus="uploading-label"]').textContent;
      for (const file of chosen) fids.push((await upload(file)).fid);
      box.textContent = '';
      await api.post(`/plugins/bonus/requests/${id}/messages`, { text: form.elements.text.value, internal: !!form.elements.internal?.checked, attachments: fids });
      alerts.success('[[bonus:requests.sent-ok]]');
      ajaxify.refresh();
    } catch (err) {
      box.textContent = err.message || String(err);
      button.disabled = false;
    }
  });
  const act = (sel, path, okKey) => page.querySelector(sel)?.addEventListener('click', async () => {
    try {
      await api.post(`/plugins/bonus/requests/${id}/${path}`, {});
      alerts.success(okKey);
      ajaxify.refresh();
    } catch (err) {
      alerts.error(err);
    }
  });
  act('[data-bonus="close"]', 'close', '[[bonus:requests.closed-ok]]');
  act('[data-bonus="reopen"]', 'reopen', '[[bonus:requests.reopened-ok]]');
  // a saved reply goes into the answer as text, to be edited before sending
  const saved = page.querySelector('[data-bonus="saved-replies"]');
  saved?.addEventListener('change', () => {
    const option = saved.selectedOptions[0];
    if (option?.value && form) {
      const box = form.elements.text;
      box.value = box.value ? `${box.value}\n\n${option.dataset.text}` : option.dataset.text;
      box.focus();
    }
    saved.value = '';
  });
  const assign = page.querySelector('[data-bonus="assign-form"]');
  assign?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api.put(`/plugins/bonus/requests/${id}/assignee`, { uid: Number(assign.elements.uid.value) });
      alerts.success('[[bonus:requests.assigned-ok]]');
      ajaxify.refresh();
    } catch (err) {
      alerts.error(err);
    }
  });
}

function queue(page) {
  const add = page.querySelector('[data-bonus="add-saved"]');
  add?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api.post('/plugins/bonus/requests/saved-replies', { title: add.elements.title.value, text: add.elements.text.value });
      alerts.success('[[bonus:requests.admin.saved]]');
      ajaxify.refresh();
    } catch (err) {
      alerts.error(err);
    }
  });
  page.querySelectorAll('[data-bonus="saved-reply"]').forEach((item) => {
    item.querySelector('[data-bonus="delete-saved"]').addEventListener('click', async () => {
      try {
        await api.del(`/plugins/bonus/requests/saved-replies/${Number(item.dataset.id)}`, {});
        item.remove();
      } catch (err) {
        alerts.error(err);
      }
    });
  });
}

export function init() {
  const page = document.querySelector('[data-bonus-page="request-new"]');
  if (page) wizard(page);
  const conv = document.querySelector('[data-bonus-page="request"]');
  if (conv) conversation(conv);
  const q = document.querySelector('[data-bonus-page="requests-queue"]');
  if (q) queue(q);
}
