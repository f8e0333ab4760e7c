// Stand-in for NodeBB's client `translator` module.
async function translate(text, cb) {
  const res = await fetch(`/api/sandbox/translate?lang=${encodeURIComponent(document.documentElement.lang)}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: String(text) });
  const out = await res.text();
  if (typeof cb === 'function') cb(out);
  return out;
}
export default { translate };
