// Stand-in for NodeBB's client `api` module (an ES module with named exports, as NodeBB's): a route
// starting with `/api` is requested as it is (the pages' JSON twins, the user search), any other under
// `/api/v3`; writes carry the CSRF token; NodeBB's `{status, response}` envelope is unwrapped, other
// JSON returned as it is; a failure throws the envelope's message (or `error`), as NodeBB's does.
async function call(method, path, body) {
  const url = path.startsWith('/api') ? path : `/api/v3${path}`;
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': window.config.csrf_token },
    body: method === 'GET' ? undefined : JSON.stringify(body || {}),
  });
  const json = await res.json().catch(() => ({ status: { message: res.statusText } }));
  if (!res.ok) throw new Error((json.status && json.status.message) || json.error || res.statusText);
  return json && Object.prototype.hasOwnProperty.call(json, 'status') && Object.prototype.hasOwnProperty.call(json, 'response') ? json.response : json;
}
const query = (params) => (params && Object.keys(params).length ? `?${new URLSearchParams(params)}` : '');
// NodeBB's `get(route, data, onSuccess)`: with a callback, `(err, result)` and no promise
export function get(path, params, callback) {
  const p = call('GET', path + query(params));
  if (typeof callback !== 'function') return p;
  p.then((r) => callback(null, r), (err) => callback(err));
}
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path, body) => call('DELETE', path, body);
