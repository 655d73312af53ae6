import type { schema } from '@ssb/db';
import { describe, expect, it } from 'vitest';
import { resourceDocument } from './documents.ts';

type ResourceRow = typeof schema.resources.$inferSelect;

const resource = (media: ResourceRow['media']): ResourceRow => ({
  id: '00000000-0000-4000-8000-000000000001',
  baseId: '00000000-0000-4000-8000-0000000000b1',
  type: 'exhibit',
  title: '钱学森手稿展',
  descriptionHtml: '<p>手稿</p>',
  descriptionText: '手稿',
  scientists: ['钱学森'],
  elements: ['patriotism'],
  audiences: ['public'],
  media,
  lendingTerms: '',
  lendable: false,
  maxBookingDays: null,
  onlineUrl: null,
  status: 'published',
  isDemo: false,
  version: 1,
  createdBy: null,
  publishedAt: new Date('2024-05-01T00:00:00Z'),
  createdAt: new Date('2024-04-01T00:00:00Z'),
  updatedAt: new Date('2024-05-01T00:00:00Z'),
});

describe('resourceDocument', () => {
  it("shows the resource's first image's thumbnail on its search card, skipping videos", () => {
    const doc = resourceDocument(
      resource([
        { key: 'v.mp4', kind: 'video', name: '影像' },
        { key: 'a.jpg', kind: 'image', name: '手稿' },
        { key: 'b.png', kind: 'image', name: '合影' },
      ]),
      { name: '航天馆', districtCode: '110108' },
    );
    expect(doc.cover).toBe('/files/resources/00000000-0000-4000-8000-000000000001/a.jpg?size=thumb');
    expect(resourceDocument(resource([]), { name: '航天馆', districtCode: '110108' }).cover).toBeNull();
  });
});
