// Module `bonus-users` (plugin.json "modules"): username fields that suggest members as one types,
// with NodeBB's own user search (its `autocomplete` module: jQuery UI over GET /api/users?query=,
// which checks the `search:users` privilege). Issue 15, item 8.
import * as api from 'api';
import * as alerts from 'alerts';
import * as autocomplete from 'autocomplete';

/** One member per field (Transfer's recipient, the warning's member): a choice fills the field. */
export function userField(input) {
  if (input) autocomplete.user(window.$(input));
}

/** Names in a list are separated by commas, semicolons or new lines; a name itself may hold spaces. */
export const LIST_SEPARATOR = /[,;\n]+/;
export function splitNames(text) {
  return String(text || '').split(LIST_SEPARATOR).map((s) => s.trim().replace(/^@/, '')).filter(Boolean);
}

/**
 * A list of members (the ACP Operations form): the search is for the name being typed (after the last
 * separator), and a choice replaces only that name and adds ", " so the next can be typed.
 */
export function userListField(textarea) {
  if (!textarea) return;
  const current = () => {
    const text = textarea.value.slice(0, textarea.selectionStart ?? textarea.value.length);
    const start = Math.max(text.lastIndexOf(','), text.lastIndexOf(';'), text.lastIndexOf('\n')) + 1;
    return { start, term: text.slice(start).trim().replace(/^@/, '') };
  };
  autocomplete.init({
    input: window.$(textarea),
    minLength: 1,
    source(_request, response) {
      const { term } = current();
      if (!term) return response([]);
      api.get('/api/users', { query: term }, (err, result) => {
        if (err) return alerts.error(err);
        response(((result && result.users) || []).map((u) => ({ label: u.username, value: u.username })));
      });
    },
    // moving through the suggestions keeps the typed list as it is
    focus(event) { event.preventDefault(); },
    onSelect(event, ui) {
      event.preventDefault();
      const { start } = current();
      const end = textarea.selectionStart ?? textarea.value.length;
      const before = textarea.value.slice(0, start);
      const rest = textarea.value.slice(end).replace(/^[^,;\n]*/, '');
      const lead = before && !/\s$/.test(before) ? ' ' : '';
      textarea.value = `${before}${lead}${ui.item.value}, ${rest.replace(/^[,;]\s*/, '')}`;
      const caret = before.length + lead.length + ui.item.value.length + 2;
      textarea.setSelectionRange(caret, caret);
    },
  });
}
