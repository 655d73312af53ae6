/**
 * What a file is, from its first bytes, whatever its name says. Pure, so the server's checks and
 * the browser's quick answer before uploading name the same format.
 */
export function sniffFormat(head: Uint8Array): string {
  const text = (offset: number, length: number) => String.fromCharCode(...head.subarray(offset, offset + length));
  const at = (offset: number, expected: string) => head.length >= offset + expected.length && text(offset, expected.length) === expected;
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (at(0, '\x89PNG\r\n\x1a\n')) return 'png';
  if (at(0, 'GIF8')) return 'gif';
  if (at(0, 'RIFF') && at(8, 'WEBP')) return 'webp';
  if (at(0, 'RIFF') && at(8, 'AVI ')) return 'avi';
  if (at(0, 'BM')) return 'bmp';
  if (at(0, 'II*\0') || at(0, 'MM\0*')) return 'tiff';
  if (at(0, '%PDF')) return 'pdf';
  if (at(0, 'PK\x03\x04')) return 'zip';
  if (at(0, '\x1aE\xdf\xa3')) return text(0, head.length).includes('webm') ? 'webm' : 'mkv';
  if (at(0, 'FLV')) return 'flv';
  if (at(4, 'ftyp')) {
    const brand = text(8, 4);
    if (brand === 'qt  ') return 'mov';
    if (brand.startsWith('hei') || brand === 'mif1' || brand === 'msf1') return 'heic';
    return 'mp4';
  }
  // Old QuickTime files start straight with a movie atom.
  if (['moov', 'mdat', 'wide', 'free', 'skip', 'pnot'].some((atom) => at(4, atom))) return 'mov';
  return 'unknown';
}
