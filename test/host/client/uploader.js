// Stand-in for NodeBB's client `uploader` module (public/src/modules/uploader.js): `show({ route,
// params, accept, fileSize }, callback)` opens a modal with a file input; the chosen file is sent
// and `callback(url)` gets the upload's address, as NodeBB's does after its /api/post/upload. The
// sandbox's upload route keeps NodeBB's rules: images only, at most `fileSize` KB (NodeBB's
// maximumFileSize, 2048 by default); a refusal shows its message in the modal.
import { open } from './modal.js';

export function show(data, callback) {
  const { wrap, close } = open('<div class="modal-header"><h5 class="modal-title">Upload file</h5></div>'
    + '<div class="modal-body"><input type="file" class="form-control" data-sandbox="file"><div class="alert alert-danger d-none mt-2" data-sandbox="error"></div></div>'
    + '<div class="modal-footer"><button type="button" class="btn btn-outline-secondary" data-sandbox="cancel">Cancel</button><button type="button" class="btn btn-primary" data-sandbox="upload">Upload</button></div>');
  const input = wrap.querySelector('[data-sandbox="file"]');
  if (data.accept) input.accept = data.accept;
  const fail = (text) => {
    const box = wrap.querySelector('[data-sandbox="error"]');
    box.textContent = text;
    box.classList.remove('d-none');
  };
  wrap.querySelector('[data-sandbox="cancel"]').addEventListener('click', close);
  wrap.querySelector('[data-sandbox="upload"]').addEventListener('click', async () => {
    const file = input.files && input.files[0];
    if (!file) return fail('Select a file to upload.');
    if (data.fileSize && file.size > data.fileSize * 1000) return fail(`The file is too big (at most ${data.fileSize} kB).`);
    const res = await fetch(`/api/sandbox/upload?name=${encodeURIComponent(file.name)}`, {
      method: 'POST', credentials: 'same-origin', headers: { 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': window.config.csrf_token }, body: file,
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) return fail((json.status && json.status.message) || res.statusText);
    close();
    callback(json.response.images[0].url);
  });
}
export default { show };
