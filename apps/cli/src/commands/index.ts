import type { Command } from '../cli.ts';
import { auditVerify } from './audit-verify.ts';
import { backup, restore } from './backup.ts';
import { dbBackup } from './db-backup.ts';
import { dbMigrate } from './db-migrate.ts';
import { dbRestore } from './db-restore.ts';
import { dbSeed } from './db-seed.ts';
import { help } from './help.ts';
import { infraUploadLimits } from './infra-upload-limits.ts';
import { mediaCheck } from './media-check.ts';
import { orgCreate } from './org-create.ts';
import { userCreate } from './user-create.ts';
import { searchReindex } from './search-reindex.ts';
import { storageMigrate, storageVerify } from './storage.ts';

export const COMMANDS: Command[] = [dbMigrate, dbSeed, orgCreate, userCreate, dbBackup, dbRestore, auditVerify, mediaCheck, infraUploadLimits, searchReindex, storageVerify, storageMigrate, backup, restore, help];

export const findCommand = (name: string) => COMMANDS.find((c) => c.name === name);
