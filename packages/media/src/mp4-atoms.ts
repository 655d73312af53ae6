import { open } from 'node:fs/promises';

/**
 * True when the top-level atoms of an MP4/MOV file do not add up to its size: the sign of a copy
 * cut short. ffprobe alone misses this when the index (moov) comes first.
 */
export async function isIsoMediaTruncated(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(16);
    let offset = 0;
    let hasMovie = false;
    while (offset < size) {
      if (size - offset < 8) return true;
      await handle.read(header, 0, 16, offset);
      let atomSize = header.readUInt32BE(0);
      const type = header.subarray(4, 8).toString('latin1');
      if (type === 'moov') hasMovie = true;
      if (atomSize === 1) atomSize = Number(header.readBigUInt64BE(8));
      else if (atomSize === 0) atomSize = size - offset;
      if (atomSize < 8 || offset + atomSize > size) return true;
      offset += atomSize;
    }
    return !hasMovie;
  } finally {
    await handle.close();
  }
}
