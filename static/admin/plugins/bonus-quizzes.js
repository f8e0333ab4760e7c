// Client module `admin/plugins/bonus-quizzes`: the quiz editor (questions added and removed in the
// page, saved as one quiz), publication. The server checks everything again.
import * as api from 'api';
import * as alerts from 'alerts';

const LANGS = ['en-GB', 'ru'];

function texts(root, attr, name) {
  return Object.fromEntries(LANGS.map((lang) => [lang, (root.querySelector(`[${attr}="${name}"][data-lang="${lang}"]`)?.value ?? '').trim()]));
}

function lines(value) {
  return value.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** The editor's questions renumbered (the labels' ids too) after one is added or removed. */
function renumber(form) {
  form.querySelectorAll('[data-bonus="question-editor"]').forEach((q, i) => {
    q.querySelector('[data-bonus="question-number"]').textContent = String(i + 1);
    q.querySelectorAll('[id^="bonus-quiz-q"]').forEach((el) => {
      const id = el.id.replace(/^bonus-quiz-q\d+-/, `bonus-quiz-q${i + 1}-`);
      q.querySelector(`label[for="${el.id}"]`)?.setAttribute('for', id);
      el.id = id;
    });
  });
}

function collect(form) {
  const questions = [...form.querySelectorAll('[data-bonus="question-editor"]')].map((q) => {
    const byLang = Object.fromEntries(LANGS.map((lang) => [lang, lines(q.querySelector(`[data-q="options"][data-lang="${lang}"]`).value)]));
    const n = Math.max(byLang['en-GB'].length, byLang.ru.length);
    return {
      text: texts(q, 'data-q', 'text'),
      options: Array.from({ length: n }, (_, i) => ({ 'en-GB': byLang['en-GB'][i] ?? '', ru: byLang.ru[i] ?? '' })),
      correct: q.querySelector('[data-q="correct"]').value.split(/[\s,;]+/).filter(Boolean).map((x) => Number(x) - 1),
      multiple: q.querySelector('[data-q="multiple"]').checked,
      explanation: texts(q, 'data-q', 'explanation'),
    };
  });
  return {
    title: texts(form, 'data-field', 'title'),
    lesson: texts(form, 'data-field', 'lesson'),
    questions,
    pointsPerAnswer: Number(form.querySelector('[data-field="pointsPerAnswer"]').value),
    programmes: [...form.querySelectorAll('[data-field="programme"]:checked')].map((i) => i.value),
    groups: form.querySelector('[data-field="groups"]').value.split(',').map((g) => g.trim()).filter(Boolean),
  };
}

export function init() {
  const page = document.querySelector('[data-bonus-page="admin-quizzes"]');
  if (!page) return;
  const form = page.querySelector('[data-bonus="quiz-editor"]');
  const error = (text) => { form.querySelector('[data-bonus="form-error"]').textContent = text; };
  page.querySelector('[data-bonus="add-question"]').addEventListener('click', () => {
    const list = form.querySelector('[data-bonus="questions"]');
    const last = list.lastElementChild;
    const copy = last.cloneNode(true);
    copy.querySelectorAll('input, textarea').forEach((el) => { if (el.type === 'checkbox') el.checked = false; else el.value = ''; });
    list.appendChild(copy);
    renumber(form);
  });
  form.addEventListener('click', (ev) => {
    const btn = ev.target.closest('[data-bonus="remove-question"]');
    if (!btn || form.querySelectorAll('[data-bonus="question-editor"]').length < 2) return;
    btn.closest('[data-bonus="question-editor"]').remove();
    renumber(form);
  });
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error('');
    const id = Number(form.dataset.quizId);
    try {
      const r = id ? await api.put(`/plugins/bonus/admin/quizzes/${id}`, collect(form)) : await api.post('/plugins/bonus/admin/quizzes', collect(form));
      alerts.success('[[bonus:quizzes.saved]]');
      location.href = `${config.relative_path}/admin/plugins/bonus/quizzes?edit=${r.id}`;
    } catch (err) {
      error(err.message || String(err));
    }
  });
  page.querySelectorAll('[data-bonus="publish"]').forEach((btn) => btn.addEventListener('click', async () => {
    try {
      await api.put(`/plugins/bonus/admin/quizzes/${btn.dataset.quizId}/published`, { published: btn.dataset.published === 'true' });
      ajaxify.refresh();
    } catch (err) {
      alerts.error(err.message || String(err));
    }
  }));
}
