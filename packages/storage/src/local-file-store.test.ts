import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFileStoreContract } from './contract.ts';
import { createLocalFileStore } from './local-file-store.ts';

runFileStoreContract(
  'local disk',
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'ssb-store-'));
    return { store: createLocalFileStore(root), cleanup: async () => rmSync(root, { recursive: true, force: true }) };
  },
  { largeFileMb: 200 },
);
