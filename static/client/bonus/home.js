// Client module `forum/bonus/home`: the program's home page.
import hooks from 'hooks';

export function init() {
  hooks.fire('action:bonus.home.loaded', { page: 'home' });
}
