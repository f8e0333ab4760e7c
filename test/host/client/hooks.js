// Stand-in for NodeBB's client `hooks` module.
const listeners = new Map();
export default {
  on(name, fn) { listeners.set(name, [...(listeners.get(name) || []), fn]); },
  fire(name, data) { (listeners.get(name) || []).forEach((fn) => fn(data)); return Promise.resolve(data); },
};
