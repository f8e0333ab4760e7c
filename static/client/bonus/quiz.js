// Client module `forum/bonus/quiz`: sends the member's answers once (the button is disabled while
// they travel; the server pays each question once whatever the browser does), then shows the review.
import * as api from 'api';
import * as alerts from 'alerts';

export function init() {
  const page = document.querySelector('[data-bonus-page="quiz"]');
  const form = page?.querySelector('[data-bonus="quiz-form"]');
  if (!form) return;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const box = form.querySelector('[data-bonus="form-error"]');
    box.textContent = '';
    const answers = {};
    form.querySelectorAll('[data-bonus="question"]').forEach((q) => {
      answers[q.dataset.questionId] = [...q.querySelectorAll('input:checked')].map((i) => Number(i.value));
    });
    const button = form.querySelector('[type="submit"]');
    button.disabled = true;
    try {
      await api.post(`/plugins/bonus/sellers/quizzes/${page.dataset.quizId}/answers`, { answers });
      alerts.success('[[bonus:quizzes.submitted]]');
      ajaxify.refresh();
    } catch (err) {
      box.textContent = err.message || String(err);
      button.disabled = false;
    }
  });
}
