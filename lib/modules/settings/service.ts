import { refusable, type Result } from '../../kernel/result';
import type { Host } from '../../host/index';
import { BonusError } from '../../kernel/errors';
import { SettingsStore } from './store';
import { assertAdmin } from '../../kernel/access';
import type { Caller } from '../../host/index';
import { parseSettings, validateSettings, type ProgramSettings, type SettingName, type SettingsRule } from './domain';

export const SETTINGS_HASH = 'bonus';
/** cid → when it became an earning category (set when the admin adds it, dropped when removed). */
export { EARNING_SINCE } from './store';

/** A submission refused: the settings at fault, and the rule between them that failed (if any). */
export class SettingsRefused extends BonusError {
  constructor(readonly fields: SettingName[], readonly rule?: SettingsRule) {
    super(rule ?? 'error.invalid-settings', rule ? [] : [fields.join(', ')]);
  }
}

/** Reads and writes the program settings through the host (NodeBB's `meta.settings`). */
export class SettingsService {
  private readonly store: SettingsStore;

  constructor(private readonly host: Host) {
    this.store = new SettingsStore(host.db);
  }

  async get(): Promise<ProgramSettings> {
    return parseSettings(await this.host.settings.get(SETTINGS_HASH));
  }

  /** An admin saves the ACP form (all or nothing); anyone else is refused before anything is read. */
  save(caller: Caller, submitted: Record<string, unknown>): Promise<Result<ProgramSettings>> {
    return refusable(() => this.doSave(caller, submitted));
  }

  private async doSave(caller: Caller, submitted: Record<string, unknown>): Promise<ProgramSettings> {
    await assertAdmin(this.host, caller);
    return this.doUpdate(submitted);
  }

  /**
   * Validates everything first (each value by its type and range, then the rules between settings);
   * stores nothing if anything is invalid (refused with the fields at fault, or the rule broken).
   */
  update(submitted: Record<string, unknown>): Promise<Result<ProgramSettings>> {
    return refusable(() => this.doUpdate(submitted));
  }

  private async doUpdate(submitted: Record<string, unknown>): Promise<ProgramSettings> {
    const current = await this.host.settings.get(SETTINGS_HASH);
    const result = validateSettings(submitted, current);
    if (!result.ok) throw new SettingsRefused(result.invalid, result.rule);
    const next = { ...current, ...result.values };
    // "A changed setting applies from then on": a category added to the earning set earns for
    // posts made after this moment only (backfill must not pay for older posts in it). Written
    // before the settings, so a crash in between never leaves a new category without its date.
    const before = new Set(parseSettings(current).earningCids);
    const after = new Set(parseSettings(next).earningCids);
    const added = [...after].filter((cid) => !before.has(cid));
    const removed = [...before].filter((cid) => !after.has(cid));
    await this.store.markEarningSince(added, this.host.clock.now());
    await this.host.settings.set(SETTINGS_HASH, next);
    await this.store.forgetEarningSince(removed);
    return this.get();
  }

  /** When each earning category joined the set (categories set before this was kept have none). */
  async earningSince(): Promise<Record<number, number>> {
    return this.store.earningSince();
  }
}
