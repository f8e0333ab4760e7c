// Stand-in for NodeBB's client `alerts` module (named exports, as NodeBB's): a visible toast, translated.
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
export const success = (message) => show('success', message);
export const error = (err) => show('danger', err && err.message ? err.message : String(err));
export const alert = (opts) => show(opts.type === 'danger' || opts.type === 'error' ? 'danger' : 'info', opts.message || opts.title);
