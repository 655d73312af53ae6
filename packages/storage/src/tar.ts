import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';

/**
 * A minimal streaming tar (POSIX ustar) writer and reader for the platform's backup archive: regular
 * files only, sizes known before each entry, names up to 255 bytes (ustar's prefix + name). Bytes
 * stream through in their own chunks, so a 2 GB video never sits in memory. Any tar tool reads what
 * this writes (`tar -tvf backup.tar`).
 */

const BLOCK = 512;
const ZEROS = Buffer.alloc(BLOCK * 2);

function octal(value: number, width: number) {
  // width - 1 digits and a NUL; sizes up to 8 GiB - 1 fit in the 12-byte field.
  const digits = value.toString(8);
  if (digits.length > width - 1) throw new Error(`tar: ${value} does not fit ${width} bytes`);
  return digits.padStart(width - 1, '0') + '\0';
}

function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return { prefix, base };
  }
  throw new Error(`tar: name too long for ustar: ${name}`);
}

function header(name: string, size: number, mtime: Date) {
  const block = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(name);
  block.write(base, 0, 100, 'utf8');
  block.write(octal(0o644, 8), 100, 'ascii');
  block.write(octal(0, 8), 108, 'ascii');
  block.write(octal(0, 8), 116, 'ascii');
  block.write(octal(size, 12), 124, 'ascii');
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  block.write('        ', 148, 'ascii');
  block.write('0', 156, 'ascii');
  block.write('ustar\0', 257, 'ascii');
  block.write('00', 263, 'ascii');
  block.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(octal(sum, 7) + ' ', 148, 'ascii');
  return block;
}

async function write(out: Writable, chunk: Buffer) {
  if (!out.write(chunk)) await once(out, 'drain');
}

export type TarWriter = {
  /** Adds one file of exactly `size` bytes from `body`; fails if the body gives more or fewer. */
  add(name: string, size: number, body: Readable | Buffer, mtime?: Date): Promise<void>;
  /** Writes the two zero blocks that end an archive (the stream itself is left to the caller). */
  finish(): Promise<void>;
};

export function createTarWriter(out: Writable): TarWriter {
  return {
    async add(name, size, body, mtime = new Date()) {
      await write(out, header(name, size, mtime));
      let sent = 0;
      if (Buffer.isBuffer(body)) {
        await write(out, body);
        sent = body.length;
      } else {
        for await (const chunk of body as AsyncIterable<Buffer>) {
          sent += chunk.length;
          if (sent > size) throw new Error(`tar: ${name} is longer than the ${size} bytes announced`);
          await write(out, chunk);
        }
      }
      if (sent !== size) throw new Error(`tar: ${name} gave ${sent} bytes, ${size} announced`);
      const pad = (BLOCK - (size % BLOCK)) % BLOCK;
      if (pad) await write(out, ZEROS.subarray(0, pad));
    },
    async finish() {
      await write(out, ZEROS);
    },
  };
}

export type TarEntry = { name: string; size: number; body: Readable };

/**
 * Reads the entries of a tar stream one after another. Each entry's `body` must be consumed (or
 * `resume()`d) before the next one is asked for.
 */
export async function* readTar(input: Readable): AsyncGenerator<TarEntry> {
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  const more = async () => {
    if (ended) return false;
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      return false;
    }
    pending = pending.length ? Buffer.concat([pending, next.value]) : next.value;
    return true;
  };
  const take = async (n: number) => {
    while (pending.length < n) if (!(await more())) throw new Error('tar: archive ends in the middle of an entry');
    const out = pending.subarray(0, n);
    pending = pending.subarray(n);
    return out;
  };
  for (;;) {
    while (pending.length < BLOCK) if (!(await more())) throw new Error('tar: archive ends without its end blocks');
    const block = await take(BLOCK);
    if (block.every((b) => b === 0)) return;
    const text = (start: number, length: number) => block.toString('utf8', start, start + length).replace(/\0.*$/s, '');
    const stored = parseInt(text(148, 8).trim(), 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
    if (sum !== stored) throw new Error('tar: a header fails its checksum (not a tar archive, or damaged)');
    const size = parseInt(text(124, 12).trim() || '0', 8);
    const type = text(156, 1) || '0';
    const prefix = text(345, 155);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const body = new PassThrough();
    const padded = size + ((BLOCK - (size % BLOCK)) % BLOCK);
    const pump = (async () => {
      let left = size;
      while (left > 0) {
        if (pending.length === 0 && !(await more())) throw new Error(`tar: ${name} is cut short`);
        const piece = pending.subarray(0, Math.min(left, pending.length));
        pending = pending.subarray(piece.length);
        left -= piece.length;
        if (!body.write(piece)) await once(body, 'drain');
      }
      body.end();
      await take(padded - size);
    })();
    pump.catch((error: Error) => body.destroy(error));
    if (type === '0') yield { name, size, body };
    else body.resume();
    await pump;
  }
}
