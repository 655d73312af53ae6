import { RESOURCE_VIDEO_MESSAGES, resourceVideoProblems } from '@ssb/domain/shared-resources';
import { readVideoMetadata } from './media-precheck.ts';
import { readHead, sniffFormat } from './media-sniff.ts';

/**
 * The browser's answer on a resource video before a byte is sent, from the same rule the server
 * applies (`resourceVideoProblems`): the container from the first bytes, the size, then duration
 * and displayed size as this browser reads them. What it cannot read goes up and the server decides.
 */
export async function precheckResourceVideo(file: File): Promise<string[]> {
  const format = sniffFormat(await readHead(file));
  const early = resourceVideoProblems({ format, bytes: file.size });
  if (early.length > 0) return early;
  const metadata = await readVideoMetadata(file);
  if (!metadata) return [];
  if (metadata.width === 0 && metadata.height === 0) return [RESOURCE_VIDEO_MESSAGES.noPicture()];
  return resourceVideoProblems({ format, bytes: file.size, ...metadata });
}
