// Other packages compile this file too, and they see fontkit's types only through this reference.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./fontkit.d.ts" />
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';

/**
 * The PDFs need a CJK font that pdfkit can embed (pdf-lib drops CJK glyphs). Debian's
 * fonts-noto-cjk ships one; a deployment may point elsewhere through the options.
 */
export type FontSource = {
  /** A .ttf/.otf file, or a .ttc/.otc collection together with `postscriptName`. */
  path: string;
  /** The face inside a collection, e.g. `NotoSansCJKsc-Regular`. */
  postscriptName?: string;
};

export type FontOptions = { regular?: FontSource; bold?: FontSource };

/** A parsed face, shared by every document of the process (pdfkit accepts fontkit fonts as they are). */
export type ResolvedFont = {
  path: string;
  postscriptName: string;
  font: fontkit.Font;
  /** The same face for pdfkit, laid out by plain character-to-glyph mapping (see `withoutShaping`). */
  pdfFont: fontkit.Font;
  /** Ascent in em. */
  ascender: number;
  /** Advance width of a character, in em, without shaping (cached). */
  advance(ch: string): number;
};
export type ResolvedFonts = { regular: ResolvedFont; bold: ResolvedFont };

const NOTO_DIRS = ['/usr/share/fonts/opentype/noto', '/usr/share/fonts/noto-cjk', '/usr/share/fonts/google-noto-cjk'];

const DEFAULTS = {
  regular: { file: 'NotoSansCJK-Regular.ttc', postscriptName: 'NotoSansCJKsc-Regular', pattern: 'Noto Sans CJK SC:style=Regular' },
  bold: { file: 'NotoSansCJK-Bold.ttc', postscriptName: 'NotoSansCJKsc-Bold', pattern: 'Noto Sans CJK SC:style=Bold' },
} as const;

function fcMatch(pattern: string): FontSource | undefined {
  try {
    const out = execFileSync('fc-match', ['-f', '%{file}\n%{postscriptname}', pattern], { encoding: 'utf8', timeout: 5000 });
    const [path, postscriptName] = out.split('\n');
    // fc-match always answers with some font; load() checks that it has Chinese glyphs.
    if (!path || !existsSync(path)) return undefined;
    return { path, postscriptName: postscriptName || undefined };
  } catch {
    return undefined;
  }
}

function locate(weight: 'regular' | 'bold', given?: FontSource): FontSource {
  if (given) {
    if (!existsSync(given.path)) throw new Error(`CJK font file not found: ${given.path} (option fonts.${weight})`);
    return given;
  }
  const d = DEFAULTS[weight];
  for (const dir of NOTO_DIRS) {
    const path = `${dir}/${d.file}`;
    if (existsSync(path)) return { path, postscriptName: d.postscriptName };
  }
  const found = fcMatch(d.pattern);
  if (found) return found;
  throw new Error(
    `No CJK font found for the PDF documents (looked for ${d.file} in ${NOTO_DIRS.join(', ')} and asked fc-match for "${d.pattern}"). ` +
      'Install Debian/Ubuntu package fonts-noto-cjk (apt-get install fonts-noto-cjk) or pass fonts.regular / fonts.bold with a font path.',
  );
}

// A CJK collection is ~20 MB and slow to parse: each face is read once per process.
const cache = new Map<string, ResolvedFont>();

/** How many faces this process has parsed so far (the warm-up's test reads it). */
export const parsedFontCount = () => cache.size;
function load(source: FontSource): ResolvedFont {
  const key = `${source.path}#${source.postscriptName ?? ''}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const opened = fontkit.create(readFileSync(source.path));
  const font = 'fonts' in opened ? pickFace(opened, source) : opened;
  if (!font.hasGlyphForCodePoint(0x4e2d)) throw new Error(`Font ${source.path} (${font.postscriptName}) has no Chinese glyphs: install fonts-noto-cjk or pass fonts.regular / fonts.bold with a CJK font`);
  const widths = new Map<string, number>();
  const resolved: ResolvedFont = {
    path: source.path,
    postscriptName: font.postscriptName,
    font,
    pdfFont: withoutShaping(font),
    ascender: font.ascent / font.unitsPerEm,
    advance(ch) {
      let w = widths.get(ch);
      if (w === undefined) {
        w = font.glyphForCodePoint(ch.codePointAt(0) ?? 0).advanceWidth / font.unitsPerEm;
        widths.set(ch, w);
      }
      return w;
    },
  };
  cache.set(key, resolved);
  return resolved;
}

/**
 * Chinese and the Latin of a form need no OpenType shaping (no ligatures, no contextual forms),
 * and fontkit's shaper costs most of a document's time on a cold process. Laying text out glyph
 * by glyph also makes pdfkit's widths equal the ones our line breaking measures.
 */
function withoutShaping(font: fontkit.Font): fontkit.Font {
  const fast = Object.create(font) as fontkit.Font;
  fast.layout = (text: string) => {
    const glyphs: fontkit.Glyph[] = [];
    const positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }> = [];
    let advanceWidth = 0;
    for (const ch of text) {
      const glyph = font.glyphForCodePoint(ch.codePointAt(0) ?? 0);
      glyphs.push(glyph);
      positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
      advanceWidth += glyph.advanceWidth;
    }
    return { glyphs, positions, advanceWidth };
  };
  return fast;
}

function pickFace(collection: fontkit.FontCollection, source: FontSource): fontkit.Font {
  const face =
    collection.fonts.find((f) => f.postscriptName === source.postscriptName) ??
    collection.fonts.find((f) => /CJKsc|SC$|SC-/.test(f.postscriptName)) ??
    collection.fonts[0];
  if (!face) throw new Error(`Font collection ${source.path} is empty`);
  return face;
}

export function resolveFonts(options: FontOptions = {}): ResolvedFonts {
  const regular = locate('regular', options.regular);
  // A bold face is nice to have; the regular face stands in when there is none.
  let bold: FontSource;
  try {
    bold = locate('bold', options.bold);
  } catch (error) {
    if (options.bold) throw error;
    bold = regular;
  }
  return { regular: load(regular), bold: load(bold) };
}
