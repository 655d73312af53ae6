import { open } from 'node:fs/promises';

export { sniffFormat } from '@ssb/domain/media-sniff';

export async function readHead(path: string, bytes = 64) {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
