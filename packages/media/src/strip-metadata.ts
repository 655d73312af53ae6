import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { stripJpeg } from './strip-jpeg.ts';
import { stripPng } from './strip-png.ts';

const run = promisify(execFile);

export type StrippableFormat = 'jpeg' | 'png' | 'mp4' | 'mov';

/**
 * Writes a copy of a photo or video without the metadata that can name who made it (camera owner,
 * copyright, description, GPS, titles and comments): JPEG and PNG are rewritten losslessly here;
 * MP4/MOV are remuxed by the system's ffmpeg without re-encoding, keeping only the picture and sound
 * (data tracks can carry locations) and their rotation. Throws when the file cannot be read as its format.
 */
export async function stripMetadata(inputPath: string, outputPath: string, format: StrippableFormat, options: { ffmpeg?: string } = {}) {
  if (format === 'jpeg') return writeFile(outputPath, stripJpeg(await readFile(inputPath)));
  if (format === 'png') return writeFile(outputPath, stripPng(await readFile(inputPath)));
  const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', inputPath, '-map', '0:v', '-map', '0:a?', '-map_metadata', '-1', '-map_metadata:s', '-1', '-map_chapters', '-1', '-c', 'copy', '-movflags', '+faststart', '-f', format, outputPath];
  try {
    await run(options.ffmpeg ?? 'ffmpeg', args, { timeout: 600_000 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new Error(`ffmpeg could not strip the metadata of ${inputPath}: ${stderr || (error as Error).message}`, { cause: error });
  }
}
