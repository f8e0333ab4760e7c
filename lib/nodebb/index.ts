import type { Host } from '../host/index';
import { nodebbDatabase } from './db';
import { nodebbContent, nodebbGroups, nodebbPrivileges, nodebbUsers } from './forum';
import { nodebbFiles, nodebbHttp } from './http';
import { nodebbClock, nodebbJobs, nodebbLogger, nodebbMessaging, nodebbSettings, nodebbTranslator } from './services';

/** The Host port on NodeBB's modules (the only code that touches NodeBB). */
export function createNodebbHost(): Host {
  return {
    db: nodebbDatabase(),
    users: nodebbUsers(),
    groups: nodebbGroups(),
    privileges: nodebbPrivileges(),
    content: nodebbContent(),
    settings: nodebbSettings(),
    messaging: nodebbMessaging(),
    jobs: nodebbJobs(),
    translator: nodebbTranslator(),
    clock: nodebbClock,
    log: nodebbLogger(),
    http: nodebbHttp(),
    files: nodebbFiles(),
  };
}
