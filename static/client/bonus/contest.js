// Client module `forum/bonus/contest`: entering a shop-window photo (NodeBB's own uploader: its
// image checks and size limit, the member's upload privilege) and voting (one vote, changeable).
import * as api from 'api';
import * as alerts from 'alerts';
import translator from 'translator';

export function init() {
  const page = document.querySelector('[data-bonus-page="contest"]');
  if (!page) return;
  const form = page.querySelector('[data-bonus="entry-form"]');
  const error = (text) => {
    const box = form?.querySelector('[data-bonus="form-error"]');
    if (box) box.textContent = text;
  };
  form?.querySelector('[data-bonus="entry-upload"]')?.addEventListener('click', async (ev) => {
    const maxKb = Number(ev.currentTarget.dataset.maxKb) || 2048;
    try {
      const { default: uploader } = await import('uploader');
      uploader.show({ route: `${config.relative_path}/api/post/upload`, params: {}, accept: 'image/*', fileSize: maxKb }, (url) => {
        form.querySelector('[data-bonus="entry-image"]').value = url;
        const img = form.querySelector('[data-bonus="entry-preview"]');
        img.src = url;
        img.classList.remove('d-none');
      });
    } catch {
      error(await translator.translate('[[bonus:claim.upload-unavailable]]'));
    }
  });
  form?.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    error('');
    try {
      await api.post('/plugins/bonus/sellers/contest/entries', Object.fromEntries(new FormData(form)));
      alerts.success('[[bonus:events.entered]]');
      ajaxify.refresh();
    } catch (err) {
      error(err.message || String(err));
    }
  });
  // a juror's ranking: the entries ordered by the numbers they typed (best = 1); unranked ones left out
  page.querySelector('[data-bonus="save-ranking"]')?.addEventListener('click', async () => {
    const box = page.querySelector('[data-bonus="rank-error"]');
    box.textContent = '';
    const ranking = [...page.querySelectorAll('[data-bonus="rank"]')]
      .filter((i) => i.value !== '').sort((a, b) => Number(a.value) - Number(b.value)).map((i) => Number(i.dataset.entryId));
    try {
      await api.put(`/plugins/bonus/sellers/contest/${page.dataset.month}/ranking`, { ranking });
      alerts.success('[[bonus:events.saved]]');
    } catch (err) {
      box.textContent = err.message || String(err);
    }
  });
  page.querySelectorAll('[data-bonus="vote"]').forEach((btn) => btn.addEventListener('click', async () => {
    try {
      await api.put(`/plugins/bonus/sellers/contest/entries/${btn.dataset.entryId}/vote`, {});
      alerts.success('[[bonus:events.vote-saved]]');
      ajaxify.refresh();
    } catch (err) {
      alerts.error(err.message || String(err));
    }
  }));
}
