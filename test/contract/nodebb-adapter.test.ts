import { MemoryDatabase } from '../host/memory-db';
import { nodebbDatabase } from '../../lib/nodebb/db';
import { setModuleLoader } from '../../lib/nodebb/require';
import { databaseContract } from './database.contract';

// lib/nodebb/db.ts (the port over NodeBB's `src/database`) held to the same contract, over a module
// with NodeBB's names and Redis's shapes (the in-memory database has both): the adapter's own routing
// (a bulk call of one item sent as the single call, values normalised) must not change an answer.
databaseContract('NodeBB adapter over a NodeBB-shaped module', async () => {
  const module = new MemoryDatabase();
  setModuleLoader((path) => {
    if (path !== './src/database') throw new Error(`unexpected NodeBB module ${path}`);
    return module;
  });
  return { db: nodebbDatabase(), close: async () => setModuleLoader(null) };
});
