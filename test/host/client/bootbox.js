// Stand-in for the `bootbox` NodeBB's client bundles (a Bootstrap modal): `confirm({ message, buttons,
// callback })` shows the message as HTML with the two buttons and calls back with true or false.
function modal(message, buttons, done) {
  // the page behind is dimmed and cannot be clicked, as under NodeBB's Bootstrap modal
  const backdrop = document.createElement('div');
  backdrop.className = 'modal-backdrop show';
  const wrap = document.createElement('div');
  wrap.className = 'modal d-block';
  wrap.setAttribute('role', 'dialog');
  wrap.setAttribute('aria-modal', 'true');
  wrap.innerHTML = '<div class="modal-dialog"><div class="modal-content"><div class="modal-body bootbox-body"></div><div class="modal-footer"></div></div></div>';
  wrap.querySelector('.bootbox-body').innerHTML = message;
  for (const [name, b] of buttons) {
    const el = document.createElement('button');
    el.type = 'button';
    el.className = `btn ${b.className || 'btn-primary'}`;
    el.textContent = b.label;
    el.dataset.bbHandler = name;
    el.addEventListener('click', () => { wrap.remove(); backdrop.remove(); done(name === 'confirm'); });
    wrap.querySelector('.modal-footer').appendChild(el);
  }
  document.body.appendChild(backdrop);
  document.body.appendChild(wrap);
}
export function confirm(options) {
  const b = options.buttons || {};
  modal(options.message, [['cancel', b.cancel || { label: 'Cancel' }], ['confirm', b.confirm || { label: 'OK' }]], (yes) => options.callback && options.callback(yes));
}
export default { confirm };
