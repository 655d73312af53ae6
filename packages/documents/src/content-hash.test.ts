import { DEFAULT_FORM_FIELDS } from '@ssb/domain';
import { completeApplicationData } from '@ssb/domain/testing';
import { describe, expect, it } from 'vitest';
import { applicationContentHash, canonicalJson, crockfordBase32, isShortCodeOf, normalizeShortCode, shortCodeOf, verificationUrl } from './content-hash.ts';

const meta = { applicationId: 'app-1', organizationName: '京华航天科学家纪念馆（演示）', recommendingBodyName: '北京市海淀区科学技术协会' };

describe('canonicalJson', () => {
  it('sorts keys at every level and treats undefined as absent', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('applicationContentHash / shortCodeOf', () => {
  const data = completeApplicationData();
  const hash = applicationContentHash(DEFAULT_FORM_FIELDS, data, meta);

  it('is a sha256 hex digest and a grouped Crockford base32 short code', () => {
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(shortCodeOf(hash)).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('does not depend on key order, stray draft keys, or labels', () => {
    const reversed = Object.fromEntries(Object.entries(data).reverse());
    expect(applicationContentHash(DEFAULT_FORM_FIELDS, { ...reversed, leftover: 'x' }, meta)).toBe(hash);
    const relabelled = DEFAULT_FORM_FIELDS.map((f) => ({ ...f, label: `${f.label}!` }));
    expect(applicationContentHash(relabelled, data, meta)).toBe(hash);
  });

  it('stays the same when the office adds a field the applicant has not filled in', () => {
    const added = [...DEFAULT_FORM_FIELDS, { key: 'extra1' }];
    expect(shortCodeOf(applicationContentHash(added, data, meta))).toBe(shortCodeOf(hash));
    expect(shortCodeOf(applicationContentHash(added, { ...data, extra1: '' }, meta))).toBe(shortCodeOf(hash));
    expect(shortCodeOf(applicationContentHash(added, { ...data, extra1: '有无障碍坡道' }, meta))).not.toBe(shortCodeOf(hash));
    const partial = { ...data, partnerships: undefined };
    const withoutPartnerships = applicationContentHash(DEFAULT_FORM_FIELDS, partial, meta);
    expect(applicationContentHash(added, partial, meta)).toBe(withoutPartnerships);
  });

  it('changes with any value, the id, the applicant or the recommender', () => {
    const others = [
      applicationContentHash(DEFAULT_FORM_FIELDS, { ...data, annualVisitors: 80001 }, meta),
      applicationContentHash(DEFAULT_FORM_FIELDS, { ...data, scientists: `${String(data.scientists)} ` }, meta),
      applicationContentHash(DEFAULT_FORM_FIELDS, data, { ...meta, applicationId: 'app-2' }),
      applicationContentHash(DEFAULT_FORM_FIELDS, data, { ...meta, organizationName: '另一单位' }),
      applicationContentHash(DEFAULT_FORM_FIELDS, data, { ...meta, recommendingBodyName: '北京市科学技术协会' }),
    ];
    for (const other of others) expect(shortCodeOf(other)).not.toBe(shortCodeOf(hash));
  });

  it('encodes Crockford base32 bit for bit', () => {
    expect(crockfordBase32(Buffer.from([0xff]))).toBe('ZW');
    expect(crockfordBase32(Buffer.from([0, 0, 0, 0, 0]))).toBe('00000000');
    expect(shortCodeOf('f'.repeat(64))).toBe('ZZZZZ-ZZZZZ');
  });

  it('reads a typed code leniently and verifies it', () => {
    const code = shortCodeOf(hash);
    expect(normalizeShortCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    expect(normalizeShortCode('oil01-23456')).toBe('01101-23456');
    expect(normalizeShortCode('ABC')).toBeNull();
    expect(normalizeShortCode('UUUUU-UUUUU')).toBeNull();
    expect(isShortCodeOf(code.toLowerCase(), hash)).toBe(true);
    expect(isShortCodeOf('00000-00000', hash)).toBe(false);
  });

  it('builds the verification address', () => {
    expect(verificationUrl('https://x.cn/verify', 'ABCDE-FGHJK', 'id 1')).toBe('https://x.cn/verify?code=ABCDE-FGHJK&id=id%201');
    expect(verificationUrl('https://x.cn/v?lang=zh', 'ABCDE-FGHJK', 'a')).toBe('https://x.cn/v?lang=zh&code=ABCDE-FGHJK&id=a');
  });
});
