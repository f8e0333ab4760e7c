import type { Host } from '../host';
import { SettingsService } from './settings';

/**
 * The plugin's use cases, built once per process around one Host. Features get this container, so
 * that one feature calls another's service instead of its store. Each service is added here.
 */
export interface Services {
  host: Host;
  settings: SettingsService;
}

export function createServices(host: Host): Services {
  return {
    host,
    settings: new SettingsService(host),
  };
}
