/**
 * Support requests on the database port, under `bonus:requests:` (private to the module).
 *
 * The types: one hash `bonus:requests:types` (type id → its JSON). The default types are seeded once
 * each: a default's id joins the set `bonus:requests:seeded` after it is written, so seeding again
 * (a restart, two processes at once, a seed cut short) writes only the defaults never written, and a
 * default the admin deleted or edited stays as the admin left it.
 */
import type { Database } from '../../host';
import type { RequestType } from './domain';

const K = {
  types: 'bonus:requests:types',
  seeded: 'bonus:requests:seeded',
} as const;
export const REQUESTS_KEYS = K;

function parseJson<T>(raw: unknown): T | null {
  if (typeof raw !== 'string' || !raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export class RequestsStore {
  constructor(readonly db: Database) {}

  /** Writes each default not seeded before; returns the ids it wrote. */
  async seedTypes(defaults: readonly RequestType[]): Promise<string[]> {
    const wrote: string[] = [];
    for (const ty of defaults) {
      if (await this.db.isSetMember(K.seeded, ty.id)) continue;
      if (!(await this.db.isObjectField(K.types, ty.id))) {
        await this.db.setObjectField(K.types, ty.id, JSON.stringify(ty));
        wrote.push(ty.id);
      }
      await this.db.setAdd(K.seeded, ty.id);
    }
    return wrote;
  }

  async types(): Promise<RequestType[]> {
    const all = (await this.db.getObject(K.types)) ?? {};
    return Object.values(all).map((v) => parseJson<RequestType>(v)).filter((x): x is RequestType => x !== null).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  }

  async type(id: string): Promise<RequestType | null> {
    return parseJson<RequestType>(await this.db.getObjectField(K.types, id));
  }

  async writeType(ty: RequestType): Promise<void> {
    await this.db.setObjectField(K.types, ty.id, JSON.stringify(ty));
  }

  async deleteType(id: string): Promise<void> {
    await this.db.deleteObjectField(K.types, id);
  }
}
