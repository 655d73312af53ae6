import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DbOrTx } from '@ssb/db';
import { schema } from '@ssb/db';
import { stripMetadata, type StrippableFormat } from '@ssb/media';
import type { FileStore } from '@ssb/storage';
import { and, eq, isNull } from 'drizzle-orm';

/** Where a material's stripped copy is stored: beside the original, `<id>.jpg` → `<id>-stripped.jpg`. */
export const strippedKeyOf = (storageKey: string) => storageKey.replace(/(\.[a-z0-9]{1,5})?$/i, (ext) => `-stripped${ext}`);

export const STRIPPABLE = new Set<string>(['jpeg', 'png', 'mp4', 'mov']);

/** Writes the stripped copy of a local file beside it and returns its path; throws when the bytes cannot be rewritten. */
export async function stripToSibling(path: string, format: string) {
  if (!STRIPPABLE.has(format)) throw new Error(`cannot strip the metadata of ${format}`);
  const output = `${path}-stripped`;
  await stripMetadata(path, output, format as StrippableFormat);
  return output;
}

/**
 * The storage key of a material's stripped copy, made now and remembered when the material was kept
 * before copies existed. Throws when its bytes cannot be rewritten: the caller must then not serve
 * the original in its place.
 */
export async function ensureStrippedCopy(deps: { db: DbOrTx; files: FileStore }, material: { id: string; storageKey: string; strippedStorageKey: string | null; format: string }) {
  if (material.strippedStorageKey) return material.strippedStorageKey;
  const dir = await mkdtemp(join(tmpdir(), 'ssb-strip-'));
  try {
    const original = join(dir, 'original');
    await pipeline(await deps.files.read(material.storageKey), createWriteStream(original));
    const key = strippedKeyOf(material.storageKey);
    await deps.files.putFile(key, await stripToSibling(original, material.format));
    await deps.db.update(schema.materials).set({ strippedStorageKey: key }).where(and(eq(schema.materials.id, material.id), isNull(schema.materials.strippedStorageKey)));
    return key;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
