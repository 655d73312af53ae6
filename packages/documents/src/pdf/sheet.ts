import PDFDocument from 'pdfkit';
import { resolveFonts, type FontOptions, type ResolvedFonts } from '../fonts.ts';

export type FontWeight = 'regular' | 'bold';
export type Align = 'left' | 'center' | 'right';
export type Margins = { top: number; bottom: number; left: number; right: number };

/** Characters a line may not start with, and may not end with (GB/T 15834 line-breaking rules, simplified). */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕〉”’…—·%‰,.;:!?)]}°℃']);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);
const WORD = /[A-Za-z0-9@#&_\-+./:=%²³°'’]/;

/**
 * A pdfkit document with CJK fonts, a cursor and our own line breaking, so that a long value can
 * be split exactly between pages and a row's height is known before it is drawn.
 */
export class Sheet {
  readonly doc: PDFKit.PDFDocument;
  readonly margins: Margins;
  y: number;
  private readonly fonts: ResolvedFonts;
  onNewPage: (() => void) | undefined;

  constructor(options: { layout: 'portrait' | 'landscape'; margins: Margins; fonts?: FontOptions; info?: PDFKit.DocumentInfo }) {
    const fonts = resolveFonts(options.fonts);
    this.fonts = fonts;
    this.margins = options.margins;
    this.doc = new PDFDocument({
      size: 'A4',
      layout: options.layout,
      margins: options.margins,
      bufferPages: true,
      info: options.info,
      lang: 'zh-CN',
      displayTitle: true,
    });
    // pdfkit takes an already parsed fontkit font (its types only list file sources): parsing once per process saves ~0.3 s a document.
    this.doc.registerFont('regular', fonts.regular.pdfFont as unknown as Buffer);
    this.doc.registerFont('bold', fonts.bold.pdfFont as unknown as Buffer);
    this.y = options.margins.top;
  }

  get pageWidth() { return this.doc.page.width; }
  get pageHeight() { return this.doc.page.height; }
  get left() { return this.margins.left; }
  get right() { return this.doc.page.width - this.margins.right; }
  get contentWidth() { return this.right - this.left; }
  get bottom() { return this.doc.page.height - this.margins.bottom; }
  get remaining() { return this.bottom - this.y; }
  get bodyHeight() { return this.bottom - this.margins.top; }

  newPage() {
    this.doc.addPage();
    this.y = this.margins.top;
    this.onNewPage?.();
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number) {
    if (height > this.remaining) this.newPage();
  }

  widthOf(text: string, size: number, weight: FontWeight = 'regular'): number {
    let total = 0;
    for (const ch of text) total += this.charWidth(ch, size, weight);
    return total;
  }

  private charWidth(ch: string, size: number, weight: FontWeight): number {
    return this.fonts[weight].advance(ch) * size;
  }

  /** Breaks text into lines no wider than `width`; newlines in the text start new lines. */
  wrap(text: string, width: number, size: number, weight: FontWeight = 'regular'): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      const start = lines.length;
      const tokens = tokenize(paragraph);
      let line = '';
      let lineWidth = 0;
      const push = () => {
        lines.push(line.trimEnd());
        line = '';
        lineWidth = 0;
      };
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        const w = this.widthOf(token, size, weight);
        if (lineWidth + w <= width || line === '') {
          if (line === '' && w > width) {
            // A word longer than the line: break it by characters.
            for (const ch of token) {
              const cw = this.charWidth(ch, size, weight);
              if (lineWidth + cw > width && line !== '') push();
              line += ch;
              lineWidth += cw;
            }
            continue;
          }
          if (line === '' && token.trim() === '') continue;
          line += token;
          lineWidth += w;
          continue;
        }
        // Punctuation that may not start a line hangs at the end of this one.
        if (NO_LINE_START.has(token[0]!) && [...token].length === 1) {
          line += token;
          lineWidth += w;
          continue;
        }
        // An opening bracket may not end a line: carry it to the next.
        let carry = '';
        const last = [...line].at(-1);
        if (last && NO_LINE_END.has(last) && [...line].length > 1) {
          carry = last;
          line = line.slice(0, line.length - last.length);
        }
        push();
        if (token.trim() === '') {
          line = carry;
          lineWidth = this.widthOf(carry, size, weight);
          continue;
        }
        i--;
        line = carry;
        lineWidth = this.widthOf(carry, size, weight);
      }
      lines.push(line.trimEnd());
      avoidOrphan(lines, start);
    }
    return lines;
  }

  /** One line of text whose glyphs are centred vertically on `centerY`. */
  line(text: string, x: number, centerY: number, size: number, options: { weight?: FontWeight; width?: number; align?: Align; color?: string } = {}) {
    if (!text) return;
    const weight = options.weight ?? 'regular';
    let left = x;
    if (options.width !== undefined && options.align && options.align !== 'left') {
      const w = this.widthOf(text, size, weight);
      left = options.align === 'center' ? x + (options.width - w) / 2 : x + options.width - w;
    }
    // CJK ideographs sit between 0.88 em above and 0.12 em below the baseline.
    const top = centerY - (this.fonts[weight].ascender - 0.38) * size;
    this.doc.font(weight).fontSize(size).fillColor(options.color ?? '#000').text(text, left, top, { lineBreak: false });
  }

  /** Writes the document out; `decorate` runs on every page once the page count is known. */
  async finish(decorate?: (pageIndex: number, pageCount: number) => void): Promise<Buffer> {
    const chunks: Buffer[] = [];
    this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const done = new Promise<void>((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    if (decorate) {
      const range = this.doc.bufferedPageRange();
      for (let i = range.start; i < range.start + range.count; i++) {
        this.doc.switchToPage(i);
        // Footer text lies in the bottom margin: lift the margin so pdfkit does not add a page.
        const saved = this.doc.page.margins.bottom;
        this.doc.page.margins.bottom = 0;
        decorate(i - range.start, range.count);
        this.doc.page.margins.bottom = saved;
      }
    }
    this.doc.end();
    await done;
    return Buffer.concat(chunks);
  }
}

/** A paragraph should not end with one lone character on its last line (孤字): take one more down. */
function avoidOrphan(lines: string[], start: number) {
  if (lines.length - start < 2) return;
  const last = [...lines[lines.length - 1]!];
  const previous = [...lines[lines.length - 2]!];
  const moved = previous.at(-1);
  if (last.length !== 1 || previous.length < 4 || !moved || NO_LINE_START.has(moved) || WORD.test(moved) || WORD.test(last[0]!)) return;
  lines[lines.length - 2] = previous.slice(0, -1).join('');
  lines[lines.length - 1] = moved + last[0];
}

/** Latin words and numbers stay whole; every CJK character and space is its own token. */
function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let word = '';
  for (const ch of text) {
    if (WORD.test(ch)) {
      word += ch;
      continue;
    }
    if (word) {
      tokens.push(word);
      word = '';
    }
    tokens.push(ch === '\t' ? ' ' : ch);
  }
  if (word) tokens.push(word);
  return tokens;
}
