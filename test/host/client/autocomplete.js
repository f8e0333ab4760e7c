// Stand-in for NodeBB 4.15's client `autocomplete` module, on the same jQuery UI widget NodeBB loads
// (`app.loadJQueryUI`): `init({ input, source, onSelect, ...options })` with its select handler
// calling `onSelect(event, ui)` (a handler that prevents the event keeps the field's text), and
// `user(input, params, onSelect)` asking `/api/users?query=` as NodeBB's does.
import * as api from 'api';
import * as alerts from 'alerts';

let loading;
function loadJQueryUI() {
  loading = loading || new Promise((resolve, reject) => {
    if (window.$ && window.$.fn.autocomplete) return resolve();
    const s = document.createElement('script');
    s.src = '/assets/jquery-ui/jquery-ui.min.js';
    s.onload = () => resolve();
    s.onerror = reject;
    document.head.appendChild(s);
  });
  return loading;
}

export function init(params) {
  const { input, onSelect, ...options } = { delay: 200, appendTo: null, ...params };
  loadJQueryUI().then(() => {
    input.autocomplete({
      ...options,
      open() { window.$(this).autocomplete('widget').css('z-index', 100005); },
      select(event, ui) { if (onSelect) onSelect(event, ui); },
    });
  });
}

export function user(input, params, onSelect) {
  if (typeof params === 'function') { onSelect = params; params = {}; }
  params = params || {};
  init({
    input,
    onSelect,
    source(request, response) {
      params.query = request.term;
      api.get('/api/users', params, (err, result) => {
        if (err) return alerts.error(err);
        if (result && result.users) {
          response(result.users.map((u) => u && { label: u.username, value: u.username, user: { uid: u.uid, username: u.username, userslug: u.userslug, picture: u.picture, banned: u.banned } }));
        }
      });
    },
  });
}
