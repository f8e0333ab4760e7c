// The sandbox's stand-ins' modal (as a Bootstrap modal over a dimmed page that cannot be clicked):
// `open(html)` shows it and returns the dialog and its `close()`.
export function open(html) {
  const backdrop = document.createElement('div');
  backdrop.className = 'modal-backdrop show';
  const wrap = document.createElement('div');
  wrap.className = 'modal d-block';
  wrap.setAttribute('role', 'dialog');
  wrap.setAttribute('aria-modal', 'true');
  wrap.innerHTML = `<div class="modal-dialog"><div class="modal-content">${html}</div></div>`;
  document.body.appendChild(backdrop);
  document.body.appendChild(wrap);
  return { wrap, close: () => { wrap.remove(); backdrop.remove(); } };
}
