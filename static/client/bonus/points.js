// Client module `forum/bonus/points`: the member's Points page (history links are plain links).
import hooks from 'hooks';

export function init() {
  hooks.fire('action:bonus.points.loaded', { page: 'points' });
}
