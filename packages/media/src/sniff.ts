import { open } from 'node:fs/promises';

/** What a file is, from its first bytes, whatever its name says. */
export function sniffFormat(head: Buffer): string {
  const at = (offset: number, text: string) => head.subarray(offset, offset + text.length).toString('latin1') === text;
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (at(0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (at(0, 'GIF8')) return 'gif';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'webp';
  if (at(0, 'RIFF') && at(8, 'AVI ')) return 'avi';
  if (at(0, 'BM')) return 'bmp';
  if (at(0, 'II*\0') || at(0, 'MM\0*')) return 'tiff';
  if (at(0, '%PDF')) return 'pdf';
  if (at(0, 'PK\x03\x04')) return 'zip';
  if (at(0, '\x1aE\xdf\xa3')) return head.includes(Buffer.from('webm')) ? 'webm' : 'mkv';
  if (at(0, 'FLV')) return 'flv';
  if (at(4, 'ftyp')) {
    const brand = head.subarray(8, 12).toString('latin1');
    if (brand === 'qt  ') return 'mov';
    if (brand.startsWith('hei') || brand === 'mif1' || brand === 'msf1') return 'heic';
    return 'mp4';
  }
  // Old QuickTime files start straight with a movie atom.
  if (['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].some((atom) => at(4, atom))) return 'mov';
  return 'unknown';
}

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
