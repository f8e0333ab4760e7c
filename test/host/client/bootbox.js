// Stand-in for the `bootbox` NodeBB's client bundles (a Bootstrap modal): `confirm({ message, buttons,
// callback })` shows the message as HTML with the two buttons and calls back with true or false.
import { open } from './modal.js';

function modal(message, buttons, done) {
  // the page behind is dimmed and cannot be clicked, as under NodeBB's Bootstrap modal
  const { wrap, close } = open('<div class="modal-body bootbox-body"></div><div class="modal-footer"></div>');
  wrap.querySelector('.bootbox-body').innerHTML = message;
  for (const [name, b] of buttons) {
    const el = document.createElement('button');
    el.type = 'button';
    el.className = `btn ${b.className || 'btn-primary'}`;
    el.textContent = b.label;
    el.dataset.bbHandler = name;
    el.addEventListener('click', () => { close(); done(name === 'confirm'); });
    wrap.querySelector('.modal-footer').appendChild(el);
  }
}
export function confirm(options) {
  const b = options.buttons || {};
  modal(options.message, [['cancel', b.cancel || { label: 'Cancel' }], ['confirm', b.confirm || { label: 'OK' }]], (yes) => options.callback && options.callback(yes));
}
export default { confirm };
