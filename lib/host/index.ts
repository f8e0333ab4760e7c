/**
 * The Host port: everything the plugin needs from a forum, and nothing more.
 *
 * lib/nodebb/ implements it with NodeBB's modules; test/host/ implements it in memory with NodeBB's
 * semantics (the fake host used by tests and by `npm start`). No other code knows which one runs.
 */
export * from './database';
export * from './forum';
export * from './http';
export * from './payloads';

import type { Database } from './database';
import type { Clock, Content, Groups, Jobs, Logger, Messaging, Privileges, Settings, Translator, Users } from './forum';
import type { Http } from './http';

export interface Host {
  db: Database;
  users: Users;
  groups: Groups;
  privileges: Privileges;
  content: Content;
  settings: Settings;
  messaging: Messaging;
  jobs: Jobs;
  translator: Translator;
  clock: Clock;
  log: Logger;
  http: Http;
  /** Uploaded files (NodeBB's uploader); a host without it has none the plugin can read. */
  files?: Files;
}

export interface Files {
  /** An uploaded file by its address: its content's SHA-256 (hex) and size, or null when it is not an upload of this forum. */
  read(url: string): Promise<{ sha256: string; bytes: number } | null>;
}
