import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type ThumbnailOptions = { width: number; quality?: number; ffmpeg?: string };

/**
 * Writes a JPEG of a photo at most `width` pixels wide with the system's ffmpeg: aspect ratio kept,
 * never enlarged, turned upright from the EXIF orientation (ffmpeg autorotates), and a PNG's
 * transparent parts laid on white. Throws with ffmpeg's message when the picture cannot be decoded.
 */
export async function makeThumbnail(inputPath: string, outputPath: string, options: ThumbnailOptions) {
  const width = Math.max(1, Math.floor(options.width));
  const filter = [
    `[0:v]scale=w='min(${width},iw)':h=-1,format=rgba,split[picture][canvas]`,
    '[canvas]drawbox=c=white:t=fill[white]',
    '[white][picture]overlay=format=auto,format=yuvj420p',
  ].join(';');
  try {
    await run(
      options.ffmpeg ?? 'ffmpeg',
      // -q:v 2 (best) … 31 (worst); 5 keeps a card sharp at a few tens of kB.
      ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', inputPath, '-filter_complex', filter, '-frames:v', '1', '-update', '1', '-f', 'image2', '-c:v', 'mjpeg', '-q:v', String(options.quality ?? 5), outputPath],
      { timeout: 30_000 },
    );
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new Error(`ffmpeg could not make a thumbnail of ${inputPath}: ${stderr || (error as Error).message}`, { cause: error });
  }
}
