import type { Host } from '../host';
import { BonusError } from '../errors';
import { parseSettings, validateSettings, type ProgramSettings } from '../domain/settings';

export const SETTINGS_HASH = 'bonus';

/** Reads and writes the program settings through the host (NodeBB's `meta.settings`). */
export class SettingsService {
  constructor(private readonly host: Host) {}

  async get(): Promise<ProgramSettings> {
    return parseSettings(await this.host.settings.get(SETTINGS_HASH));
  }

  /** Validates everything first; stores nothing if any value is invalid. */
  async update(submitted: Record<string, unknown>): Promise<ProgramSettings> {
    const result = validateSettings(submitted);
    if (!result.ok) throw new BonusError('error.invalid-settings', [result.invalid.join(', ')]);
    const current = await this.host.settings.get(SETTINGS_HASH);
    await this.host.settings.set(SETTINGS_HASH, { ...current, ...result.values });
    return this.get();
  }
}
