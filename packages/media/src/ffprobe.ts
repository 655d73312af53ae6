import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type VideoProbe = {
  formatName: string;
  durationSeconds: number;
  codedWidth: number;
  codedHeight: number;
  /** Degrees the player turns the picture (from the display matrix or the legacy rotate tag). */
  rotation: number;
};

type ProbeJson = {
  format?: { format_name?: string; duration?: string };
  streams?: Array<{
    codec_type?: string;
    width?: number;
    height?: number;
    duration?: string;
    tags?: { rotate?: string };
    side_data_list?: Array<{ side_data_type?: string; rotation?: number }>;
  }>;
};

/** Reads container, duration, picture size and rotation with the system's ffprobe. Null when it cannot parse the file. */
export async function probeVideo(path: string, ffprobe = 'ffprobe'): Promise<VideoProbe | null> {
  let stdout: string;
  try {
    ({ stdout } = await run(ffprobe, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path], {
      timeout: 30_000,
      maxBuffer: 8 * 1024 * 1024,
    }));
  } catch {
    return null;
  }
  const json = JSON.parse(stdout) as ProbeJson;
  const video = json.streams?.find((s) => s.codec_type === 'video');
  const matrix = video?.side_data_list?.find((d) => d.side_data_type === 'Display Matrix');
  const rotation = matrix?.rotation ?? Number(video?.tags?.rotate ?? 0);
  return {
    formatName: json.format?.format_name ?? 'unknown',
    durationSeconds: Number(json.format?.duration ?? video?.duration ?? 0),
    codedWidth: video?.width ?? 0,
    codedHeight: video?.height ?? 0,
    rotation: Number.isFinite(rotation) ? rotation : 0,
  };
}

/** A quarter turn swaps width and height on screen: a phone's portrait video is stored landscape. */
export function displayedSize(probe: VideoProbe) {
  const isQuarterTurn = Math.abs(Math.round(probe.rotation / 90)) % 2 === 1;
  return isQuarterTurn
    ? { width: probe.codedHeight, height: probe.codedWidth }
    : { width: probe.codedWidth, height: probe.codedHeight };
}
