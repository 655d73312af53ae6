import { deflateSync } from 'node:zlib';
import type { ApiSession } from './api-session.ts';

/** A real 320×200 PNG (a red-to-blue gradient), so the browser has something to decode and show. */
export function gradientPng() {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const [width, height] = [320, 200];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) rows.set([Math.round((255 * x) / width), 90, Math.round((255 * y) / height)], y * (width * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** What a base manager fills in for an exhibit in the editor; the description carries one bold phrase. */
export const EXHIBIT = {
  type: 'exhibit' as const,
  descriptionHtml: '<p>一架按原样复原的折射式天文望远镜，<strong>可拆装运输</strong>，附观测记录手稿复制件。</p>',
  scientists: [],
  elements: ['innovation'],
  audiences: [],
  lendable: true,
  lendingTerms: '借用方负责往返运输与保险，展期不超过 20 天。',
};

/**
 * An exhibit of the signed-in base manager's first base, made through the API as the portal makes
 * it: a draft, then optionally an image, a video (resumably) and publication.
 */
export async function exhibitThroughApi(session: ApiSession, input: { title: string; image?: Buffer; videoPath?: string; publish?: boolean }) {
  const [base] = await session.query<Array<{ id: string }>>('bases.mine');
  const created = await session.mutate<{ id: string; version: number }>('resources.create', { ...EXHIBIT, title: input.title, baseId: base!.id });
  if (input.image) {
    const query = new URLSearchParams({ version: String(created.version), name: '望远镜.png' });
    const sent = await session.send(`/files/resources/${created.id}?${query}`, { method: 'POST', body: new Uint8Array(input.image), headers: { 'content-type': 'application/octet-stream' } });
    if (!sent.ok) throw new Error(`image: ${sent.status} ${await sent.text()}`);
  }
  if (input.videoPath) await session.tusUpload(input.videoPath, { target: 'resource-video', resourceId: created.id });
  if (input.publish) await session.mutate('resources.transition', { resourceId: created.id, action: 'publish' });
  return { resourceId: created.id, baseId: base!.id };
}
