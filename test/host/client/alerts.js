// Stand-in for NodeBB's client `alerts` module: a visible toast, translated.
import translator from 'translator';

async function show(kind, message) {
  const box = document.getElementById('alerts');
  const el = document.createElement('div');
  el.className = `alert alert-${kind} shadow-sm`;
  el.setAttribute('role', kind === 'danger' ? 'alert' : 'status');
  el.textContent = await translator.translate(message || '');
  box.appendChild(el);
  setTimeout(() => el.remove(), 6000);
}
export default {
  success: (message) => show('success', message),
  error: (err) => show('danger', err && err.message ? err.message : String(err)),
  alert: (opts) => show(opts.type === 'danger' || opts.type === 'error' ? 'danger' : 'info', opts.message || opts.title),
};
