import { open } from 'node:fs/promises';

export type JpegInfo = { width: number; height: number; isComplete: boolean };

const START_OF_FRAME = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/**
 * Walks the JPEG markers up to the frame header for the picture's size, and checks the file ends
 * with the end-of-image marker, which a truncated copy lacks.
 */
export async function inspectJpeg(path: string): Promise<JpegInfo | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(2);
    await handle.read(tail, 0, 2, Math.max(0, size - 2));
    // Some cameras pad after EOI; accept the marker within the last 64 bytes.
    const end = Buffer.alloc(Math.min(64, size));
    await handle.read(end, 0, end.length, size - end.length);
    const isComplete = end.includes(Buffer.from([0xff, 0xd9]));

    let offset = 2;
    const header = Buffer.alloc(9);
    while (offset + 4 <= size) {
      await handle.read(header, 0, 9, offset);
      if (header[0] !== 0xff) return null;
      const marker = header[1]!;
      if (marker === 0xff) {
        offset += 1;
        continue;
      }
      const length = header.readUInt16BE(2);
      if (START_OF_FRAME.has(marker)) {
        return { height: header.readUInt16BE(5), width: header.readUInt16BE(7), isComplete };
      }
      offset += 2 + length;
    }
    return null;
  } finally {
    await handle.close();
  }
}
