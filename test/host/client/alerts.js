// Stand-in for NodeBB's client `alerts` module (named exports, as NodeBB's): a visible toast, translated;
// it stays as long as NodeBB's (an error 10 s, the others 5 s).
import translator from 'translator';

async function show(kind, message, timeout = kind === 'danger' ? 10000 : 5000) {
  const box = document.getElementById('alerts');
  const el = document.createElement('div');
  el.className = `alert alert-${kind} shadow-sm`;
  el.setAttribute('role', kind === 'danger' ? 'alert' : 'status');
  el.textContent = await translator.translate(message || '');
  box.appendChild(el);
  setTimeout(() => el.remove(), timeout);
}
export const success = (message) => show('success', message);
export const error = (err) => show('danger', err && err.message ? err.message : String(err));
export const alert = (opts) => show(opts.type === 'danger' || opts.type === 'error' ? 'danger' : 'info', opts.message || opts.title);
