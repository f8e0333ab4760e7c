// Client module `forum/bonus/store`: the store home. Everything is server-rendered; this only
// announces the page for themes and other plugins.
import hooks from 'hooks';

export function init() {
  const root = document.querySelector('.bonus-store');
  if (!root) return;
  hooks.fire('action:bonus.store.loaded', { products: root.querySelectorAll('.bonus-product-card').length });
}
