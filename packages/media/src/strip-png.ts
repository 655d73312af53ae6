const TEXT_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf']);
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG without its text chunks (tEXt, zTXt, iTXt) and EXIF (eXIf); every other chunk is copied as is. */
export function stripPng(png: Buffer): Buffer {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG');
  const parts: Buffer[] = [SIGNATURE];
  let offset = 8;
  while (offset + 12 <= png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('latin1');
    const end = offset + 12 + length;
    if (end > png.length) throw new Error('PNG chunk runs past the end');
    if (!TEXT_CHUNKS.has(type)) parts.push(png.subarray(offset, end));
    offset = end;
    if (type === 'IEND') return Buffer.concat(parts);
  }
  throw new Error('PNG has no end chunk');
}
