// Stand-in for NodeBB's client `api` module (an ES module with named exports, as NodeBB's): the write API with the CSRF token, envelope unwrapped.
async function call(method, path, body) {
  const res = await fetch(`/api/v3${path}`, {
    method,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': window.config.csrf_token },
    body: method === 'GET' ? undefined : JSON.stringify(body || {}),
  });
  const json = await res.json().catch(() => ({ status: { message: res.statusText } }));
  if (!res.ok) throw new Error(json.status && json.status.message);
  return json.response;
}
export const get = (path, params) => call('GET', params ? `${path}?${new URLSearchParams(params)}` : path);
export const post = (path, body) => call('POST', path, body);
export const put = (path, body) => call('PUT', path, body);
export const del = (path, body) => call('DELETE', path, body);
