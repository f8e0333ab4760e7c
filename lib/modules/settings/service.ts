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

/**
 * Reads and writes the program settings through the host (NodeBB's `meta.settings`).
 *
 * Parsed once per process (issue 14: every post's hook read and parsed some 80 fields): kept until
 * the host says the settings were saved (`Settings.onChange`, NodeBB's pubsub, in every process),
 * as NodeBB keeps its own copy. A read that was under way when a save was announced is not kept.
 * Configuration only: no money decision rests on it (amounts and categories always came from it).
 * A host without `onChange` is read on every call.
 */
export class SettingsService {
  private readonly store: SettingsStore;
  private cached: { settings?: ProgramSettings; since?: Record<number, number> } = {};
  /** Bumped by every announced save: a read started before it is not cached. */
  private version = 0;
  private listening = false;

  constructor(private readonly host: Host) {
    this.store = new SettingsStore(host.db);
  }

  private cacheable(): boolean {
    if (!this.host.settings.onChange) return false;
    if (!this.listening) {
      this.listening = true;
      this.host.settings.onChange(SETTINGS_HASH, () => this.forget());
    }
    return true;
  }

  /** Drops this process's copy (a save announced, or made here). */
  forget(): void {
    this.version += 1;
    this.cached = {};
  }

  /** The settings (shared and frozen while cached: copy before changing). */
  async get(): Promise<ProgramSettings> {
    if (!this.cacheable()) return parseSettings(await this.host.settings.get(SETTINGS_HASH));
    if (this.cached.settings) return this.cached.settings;
    const version = this.version;
    const settings = deepFreeze(parseSettings(await this.host.settings.get(SETTINGS_HASH)));
    if (version === this.version) this.cached.settings = settings;
    return settings;
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
    this.forget();
    return this.get();
  }

  /**
   * When each earning category joined the set (categories set before this was kept have none).
   * Cached with the settings: it is written only by `update`, before the save that announces it.
   */
  async earningSince(): Promise<Record<number, number>> {
    if (!this.cacheable()) return this.store.earningSince();
    if (this.cached.since) return this.cached.since;
    const version = this.version;
    const since = Object.freeze(await this.store.earningSince());
    if (version === this.version) this.cached.since = since;
    return since;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
