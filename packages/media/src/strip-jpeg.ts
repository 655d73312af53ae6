/** Segments a JPEG keeps: JFIF/JFXX (APP0), the colour profile (APP2 ICC_PROFILE) and Adobe's colour transform (APP14). */
const isKept = (marker: number, payload: Buffer) =>
  marker === 0xe0 || marker === 0xee || (marker === 0xe2 && payload.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0');
const isAppOrComment = (marker: number) => (marker >= 0xe0 && marker <= 0xef) || marker === 0xfe;

/** The EXIF orientation (1–8) of an APP1 Exif payload, or null when it has none. */
export function exifOrientation(payload: Buffer): number | null {
  if (payload.length < 14 || payload.subarray(0, 6).toString('latin1') !== 'Exif\0\0') return null;
  const tiff = payload.subarray(6);
  const little = tiff.subarray(0, 2).toString('latin1') === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return null;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return null;
    if (u16(at) === 0x0112) {
      const value = u16(at + 8);
      return value >= 1 && value <= 8 ? value : null;
    }
  }
  return null;
}

/** An APP1 segment holding nothing but an orientation tag, so a phone's photo still shows upright. */
function orientationSegment(orientation: number) {
  const tiff = Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0, 0, 0, 0, 0]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/**
 * A JPEG without its EXIF, XMP, IPTC, comments and other application segments, losslessly: the
 * markers before the scan are rewritten, the image data is copied byte for byte. A non-trivial EXIF
 * orientation is kept alone. Throws when the bytes are not a JPEG whose headers can be walked.
 */
export function stripJpeg(jpeg: Buffer): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG');
  const parts: Buffer[] = [jpeg.subarray(0, 2)];
  let orientation: number | null = null;
  let offset = 2;
  while (offset + 4 <= jpeg.length) {
    if (jpeg[offset] !== 0xff) throw new Error('JPEG marker expected');
    const marker = jpeg[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    // Start of scan: the rest is image data (and, in progressive files, more tables and scans).
    if (marker === 0xda) {
      if (orientation !== null && orientation !== 1) parts.splice(parts[1]?.[1] === 0xe0 ? 2 : 1, 0, orientationSegment(orientation));
      parts.push(jpeg.subarray(offset));
      return Buffer.concat(parts);
    }
    const length = jpeg.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > jpeg.length) throw new Error('JPEG segment runs past the end');
    const payload = jpeg.subarray(offset + 4, end);
    if (marker === 0xe1) orientation ??= exifOrientation(payload);
    if (!isAppOrComment(marker) || isKept(marker, payload)) parts.push(jpeg.subarray(offset, end));
    offset = end;
  }
  throw new Error('JPEG has no image data');
}
