import { MemoryDatabase } from '../host/memory-db';
import { databaseContract } from './database.contract';

databaseContract('in-memory', async () => ({ db: new MemoryDatabase(), close: async () => undefined }));
