import { DEFAULT_FORM_FIELDS } from '@ssb/domain/application-form';
import { MEDIA_MESSAGES, MIB } from '@ssb/domain/media';
import { completeApplicationData } from '@ssb/domain/testing';
import { describe, expect, it } from 'vitest';
import {
  clearLocalDrafts,
  localDraftKey,
  readLocalDraft,
  sameData,
  shouldOfferLocalDraft,
  stableStringify,
  writeLocalDraft,
} from './draft-storage.ts';
import { differingFields, displayValue, emptyRow, parseNumberInput } from './form-values.ts';
import { photoProblems, videoContainerProblems, videoMetadataProblems } from './media-precheck.ts';
import { sniffFormat } from './media-sniff.ts';
import { englishRuleMessage, labelMap } from './rule-messages.ts';
import { createRateMeter, formatSpeed } from './upload-progress.ts';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('sniffing a file from its first bytes', () => {
  it('names what the server would name', () => {
    expect(sniffFormat(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(bytes('\x89PNG\r\n\x1a\n'))).toBe('png');
    expect(sniffFormat(bytes('GIF89a'))).toBe('gif');
    expect(sniffFormat(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toBe('webp');
    expect(sniffFormat(bytes('RIFF', [0, 0, 0, 0], 'AVI LIST'))).toBe('avi');
    expect(sniffFormat(bytes('%PDF-1.7'))).toBe('pdf');
    expect(sniffFormat(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0]))).toBe('mp4');
    expect(sniffFormat(bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 2, 0]))).toBe('mov');
    expect(sniffFormat(bytes([0, 0, 0, 0x18], 'ftypheic'))).toBe('heic');
    expect(sniffFormat(bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 8], 'mdat'))).toBe('mov');
    expect(sniffFormat(bytes([0x1a, 0x45, 0xdf, 0xa3], 'B\x82\x84webm'))).toBe('webm');
    expect(sniffFormat(bytes([0x1a, 0x45, 0xdf, 0xa3], 'B\x82\x88matroska'))).toBe('mkv');
    expect(sniffFormat(bytes('hello world'))).toBe('unknown');
    expect(sniffFormat(new Uint8Array())).toBe('unknown');
  });
});

describe('checks before uploading', () => {
  it('refuses photos in the words of the shared rules', () => {
    expect(photoProblems('png', 3 * MIB)).toEqual([MEDIA_MESSAGES.photoNotJpeg('png')]);
    expect(photoProblems('jpeg', MIB)).toEqual([MEDIA_MESSAGES.photoTooSmall(MIB)]);
    expect(photoProblems('jpeg', 0)).toEqual([MEDIA_MESSAGES.empty()]);
    expect(photoProblems('jpeg', 3 * MIB)).toEqual([]);
  });
  it('refuses videos by container, length and displayed shape', () => {
    expect(videoContainerProblems('mkv', 10 * MIB)).toEqual([MEDIA_MESSAGES.videoWrongFormat('mkv')]);
    expect(videoContainerProblems('mov', 10 * MIB)).toEqual([]);
    expect(videoMetadataProblems({ durationSeconds: 312, width: 1920, height: 1080 })).toEqual([MEDIA_MESSAGES.videoTooLong(312)]);
    expect(MEDIA_MESSAGES.videoTooLong(312)).toBe('时长 5分12秒，超过 5分钟');
    expect(videoMetadataProblems({ durationSeconds: 300.4, width: 1080, height: 1920 })).toEqual([]);
    expect(videoMetadataProblems({ durationSeconds: 3, width: 1280, height: 720 })).toEqual(['分辨率 1280×720，应为 1920×1080 或 1080×1920']);
    expect(videoMetadataProblems({ durationSeconds: Number.POSITIVE_INFINITY, width: 1920, height: 1080 })).toEqual([]);
  });
});

class MemoryStorage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

describe('the local copy of a draft', () => {
  const id = '7b4f3c1e-0000-4000-8000-000000000001';
  it('keeps one copy per application, keyed by id and version', () => {
    const storage = new MemoryStorage();
    writeLocalDraft(storage, { applicationId: id, baseVersion: 3, data: { a: 1 }, changedAt: 1 });
    writeLocalDraft(storage, { applicationId: id, baseVersion: 4, data: { a: 2 }, changedAt: 2 });
    writeLocalDraft(storage, { applicationId: 'other', baseVersion: 1, data: { a: 9 }, changedAt: 3 });
    expect(storage.getItem(localDraftKey(id, 3))).toBeNull();
    expect(readLocalDraft(storage, id)).toEqual({ applicationId: id, baseVersion: 4, data: { a: 2 }, changedAt: 2 });
    clearLocalDrafts(storage, id);
    expect(readLocalDraft(storage, id)).toBeNull();
    expect(readLocalDraft(storage, 'other')?.data).toEqual({ a: 9 });
  });
  it('ignores a damaged copy', () => {
    const storage = new MemoryStorage();
    storage.setItem(localDraftKey(id, 1), '{not json');
    expect(readLocalDraft(storage, id)).toBeNull();
  });
  it('is offered only when it holds something newer than the server', () => {
    const server = { version: 5, updatedAt: '2025-01-01T10:00:00.000Z', data: { baseName: 'A', b: 1 } };
    const local = (data: Record<string, unknown>, baseVersion: number, changedAt: string) => ({ applicationId: id, baseVersion, data, changedAt: Date.parse(changedAt) });
    expect(shouldOfferLocalDraft(null, server)).toBe(false);
    // Same content in another key order, or with blanks: nothing to restore.
    expect(shouldOfferLocalDraft(local({ b: 1, baseName: 'A', c: '' }, 5, '2025-01-01T10:05:00Z'), server)).toBe(false);
    // Typed on top of the current version: offered.
    expect(shouldOfferLocalDraft(local({ baseName: 'AB', b: 1 }, 5, '2025-01-01T09:00:00Z'), server)).toBe(true);
    // Based on an older version but changed after the server's last save: offered.
    expect(shouldOfferLocalDraft(local({ baseName: 'AB', b: 1 }, 4, '2025-01-01T10:01:00Z'), server)).toBe(true);
    // Older in both respects: the server moved on since.
    expect(shouldOfferLocalDraft(local({ baseName: 'AB', b: 1 }, 4, '2025-01-01T09:59:00Z'), server)).toBe(false);
  });
  it('compares forms whatever the key order', () => {
    expect(stableStringify({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
    expect(sameData({ a: 1, b: null }, { a: 1 })).toBe(true);
  });
});

describe('form values', () => {
  const field = (key: string) => DEFAULT_FORM_FIELDS.find((f) => f.key === key)!;
  const words = { yes: '已勾选', no: '未勾选', rows: (n: number) => `共 ${n} 行` };
  it('reads typed numbers', () => {
    expect(parseNumberInput('')).toBeNull();
    expect(parseNumberInput(' 1,200 ')).toBe(1200);
    expect(parseNumberInput('12.5')).toBe(12.5);
    expect(parseNumberInput('12a')).toBe('12a');
  });
  it('shows values as a reader sees them', () => {
    expect(displayValue(field('unitType'), 'museum', 'zh-CN', words)).toBe('科技馆 / 纪念馆');
    expect(displayValue(field('districtCode'), '110108', 'zh-CN', words)).toBe('海淀区');
    expect(displayValue(field('districtCode'), '110108', 'en', words)).toBe('Haidian');
    expect(displayValue(field('exhibitionArea'), 1200, 'zh-CN', words)).toBe('1200 m²');
    expect(displayValue(field('declaration'), true, 'zh-CN', words)).toBe('已勾选');
    expect(displayValue(field('originalItems'), [{ kind: '手稿', count: 12, description: '' }], 'zh-CN', words)).toBe('共 1 行\n手稿 / 12 / —');
  });
  it('lists the fields two versions disagree on, in form order', () => {
    const mine = completeApplicationData({ baseName: '甲', volunteers: 31, extra: 'x' });
    const theirs = completeApplicationData({ baseName: '乙', partnerships: '' });
    const keys = differingFields(DEFAULT_FORM_FIELDS, mine, theirs).map((d) => d.key);
    expect(keys).toEqual(['baseName', 'volunteers', 'extra']);
  });
  it('starts table rows blank', () => {
    expect(emptyRow(field('activities'))).toEqual({ title: '', date: '', audience: '', attendance: null });
  });
});

describe('upload speed', () => {
  it('measures over the last seconds and estimates the time left', () => {
    const meter = createRateMeter(5000);
    meter.sample(0, 100 * MIB, 0);
    const { bytesPerSecond, remainingSeconds } = meter.sample(10 * MIB, 100 * MIB, 2000);
    expect(bytesPerSecond).toBe(5 * MIB);
    expect(remainingSeconds).toBe(18);
    expect(formatSpeed(bytesPerSecond)).toBe('5.0 MB/s');
    meter.reset();
    expect(meter.sample(20 * MIB, 100 * MIB, 60_000).remainingSeconds).toBeNull();
  });
});

describe('rule messages in English', () => {
  const labels = labelMap(DEFAULT_FORM_FIELDS);
  const t = (key: string, params: Record<string, string>) => `${key}(${Object.values(params).join(',')})`;
  it('re-words the shared rules around the English label', () => {
    expect(englishRuleMessage('请填写基地名称', labels, t)).toBe('portal.ruleMessages.fillIn(Base name)');
    expect(englishRuleMessage('年开放天数不能大于 366', labels, t)).toBe('portal.ruleMessages.tooLarge(Days open per year,366)');
    expect(englishRuleMessage('请填写活动名称', labels, t)).toBe('portal.ruleMessages.fillIn(Title)');
    expect(englishRuleMessage('统一社会信用代码校验位不正确，请核对', labels, t)).toBeNull();
  });
});
