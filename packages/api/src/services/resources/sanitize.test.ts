import { describe, expect, it } from 'vitest';
import { richTextToPlain, sanitizeRichText } from './sanitize.ts';

describe('rich text sanitising', () => {
  it('keeps the editor formatting', () => {
    const html = '<h2>展品介绍</h2><p><strong>手稿</strong>与<em>图纸</em></p><ul><li>一</li></ul><blockquote>引文</blockquote>';
    expect(sanitizeRichText(html)).toBe(html);
  });

  it('drops scripts, event handlers, styles, iframes and javascript: links', () => {
    const dirty =
      '<p onclick="steal()" style="color:red">文字<script>alert(1)</script></p><iframe src="https://x"></iframe>' +
      '<a href="javascript:alert(1)">坏链接</a><img src=x onerror=alert(1)><svg><script>1</script></svg>';
    const clean = sanitizeRichText(dirty);
    expect(clean).not.toMatch(/script|onclick|style|iframe|javascript|onerror|<img|<svg/i);
    expect(clean).toContain('<p>文字</p>');
    expect(clean).toContain('坏链接');
  });

  it('writes bold and italic one way', () => {
    expect(sanitizeRichText('<div>一<b>二</b><i>三</i></div>')).toBe('<p>一<strong>二</strong><em>三</em></p>');
  });

  it('makes kept links safe to open', () => {
    expect(sanitizeRichText('<a href="https://example.org/a">资料</a>')).toBe(
      '<a href="https://example.org/a" rel="noopener noreferrer nofollow" target="_blank">资料</a>',
    );
  });

  it('gives the plain words for search, one line per block', () => {
    expect(richTextToPlain('<h2>标题</h2><p>钱学森&amp;手稿</p><ul><li>第一</li><li>第二</li></ul>')).toBe('标题\n钱学森&手稿\n第一\n第二');
  });
});
