export { sniffFormat } from '@ssb/domain/media-sniff';

/** The first bytes of a chosen file. */
export async function readHead(file: Blob, bytes = 64): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(0, bytes).arrayBuffer());
}
