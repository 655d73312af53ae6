import { describe, expect, it } from 'vitest';
import { MIB } from './media.ts';
import { bookingDatesProblem, latestBookingDate, RESOURCE_VIDEO_LIMITS, resourceVideoProblems } from './shared-resources.ts';
import { LARGEST_UPLOAD_BYTES } from './upload-limits.ts';

describe('resource video limits', () => {
  const fine = { format: 'mp4', bytes: 50 * MIB, durationSeconds: 600, width: 1280, height: 720 };

  it('let through MP4 and MOV from 240p to 4K, landscape or portrait, up to 20 minutes', () => {
    expect(resourceVideoProblems(fine)).toEqual([]);
    expect(resourceVideoProblems({ ...fine, format: 'mov', width: 2160, height: 3840, durationSeconds: 1200.4 })).toEqual([]);
    expect(resourceVideoProblems({ ...fine, width: 426, height: 240 })).toEqual([]);
  });

  it('say what is wrong, in Chinese, with the figures', () => {
    expect(resourceVideoProblems({ ...fine, format: 'webm' })).toEqual(['视频格式为 WebM，应为 MP4 或 MOV（按文件内容识别，改扩展名无效）']);
    expect(resourceVideoProblems({ ...fine, bytes: 0 })).toEqual(['文件为空']);
    expect(resourceVideoProblems({ ...fine, bytes: 600 * MIB, durationSeconds: 1500, width: 7680, height: 4320 })).toEqual([
      '视频大小 600 MB，超过 500 MB',
      '时长 25分0秒，超过 20分钟',
      '分辨率 7680×4320，短边应在 240 到 2160 之间、长边不超过 3840（横屏或竖屏均可）',
    ]);
    expect(resourceVideoProblems({ ...fine, width: 320, height: 180 })).toHaveLength(1);
  });

  it('leave what the browser could not read to the server', () => {
    expect(resourceVideoProblems({ format: 'mov', bytes: 10 * MIB, durationSeconds: Number.NaN, width: 0, height: 0 })).toEqual([]);
  });

  it('fit under the largest upload the proxy lets through', () => {
    expect(LARGEST_UPLOAD_BYTES).toBeGreaterThanOrEqual(RESOURCE_VIDEO_LIMITS.maxBytes);
  });
});

describe('booking dates', () => {
  it('reach two years ahead of today, 29 February falling back to the 28th', () => {
    expect(latestBookingDate('2026-12-02')).toBe('2028-12-02');
    expect(latestBookingDate('2028-02-29')).toBe('2030-02-28');
    expect(latestBookingDate('2027-12-31')).toBe('2029-12-31');
  });

  it('name what is wrong: a past start or an end beyond the horizon', () => {
    expect(bookingDatesProblem({ startsOn: '2026-12-02', endsOn: '2028-12-02' }, '2026-12-02')).toBeNull();
    expect(bookingDatesProblem({ startsOn: '2026-12-01', endsOn: '2026-12-03' }, '2026-12-02')).toBe('开始日期不能早于今天');
    expect(bookingDatesProblem({ startsOn: '2026-12-03', endsOn: '9999-12-31' }, '2026-12-02')).toBe('只能预约 2 年内的日期，结束日期不能晚于 2028-12-02');
  });
});
