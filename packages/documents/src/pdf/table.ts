import type { Align, FontWeight, Sheet } from './sheet.ts';

export type Cell = {
  text?: string;
  /** How many columns the cell spans (default 1). */
  span?: number;
  align?: Align;
  weight?: FontWeight;
  fill?: string;
  /** Draws a tick box before the text, ticked when true. */
  checkbox?: boolean;
  /** Shown instead of `text` on the part of a split row that continues on the next page. */
  continuedText?: string;
  /** Wraps into lines of even length (for labels): 面向学生的 / 免费或优惠安排, not 9 + 1 characters. */
  balance?: boolean;
};

export type TableStyle = {
  x?: number;
  widths: number[];
  size: number;
  lineHeight: number;
  padX: number;
  padY: number;
  minRowHeight?: number;
  /** Repeated at the top of every page the table continues on. */
  header?: Cell[];
  borderWidth?: number;
  /** Room that must stay free under the last row on its page (a seal line that belongs with the table). */
  tailHeight?: number;
};

type Laid = { cell: Cell; x: number; width: number; textX: number; textWidth: number; lines: string[] };

const BOX = 0.95; // tick box size, in em

/**
 * Draws a bordered table at the sheet's cursor. Rows that do not fit move to the next page, and
 * a row too tall for one page (a long 展陈大纲) is split line by line, its label marked （续）.
 */
export function drawTable(sheet: Sheet, rows: Cell[][], style: TableStyle) {
  const x0 = style.x ?? sheet.left;
  const header = style.header ? layRow(sheet, style.header, style, x0) : undefined;
  const headerHeight = header ? rowHeight(header, style) : 0;
  const previous = sheet.onNewPage;
  const drawHeader = () => {
    if (!header) return;
    drawPart(sheet, header, style, headerHeight);
    sheet.y += headerHeight;
  };
  drawHeader();
  sheet.onNewPage = () => {
    previous?.();
    drawHeader();
  };
  try {
    rows.forEach((row, index) => {
      let laid = layRow(sheet, row, style, x0);
      const tail = index === rows.length - 1 ? (style.tailHeight ?? 0) : 0;
      for (;;) {
        const height = rowHeight(laid, style);
        const need = height + tail;
        if (need <= sheet.remaining + 0.01) {
          drawPart(sheet, laid, style, height);
          sheet.y += height;
          break;
        }
        const fitsOnFreshPage = need <= sheet.bodyHeight - headerHeight;
        const fitLines = Math.floor((sheet.remaining - 2 * style.padY) / style.lineHeight);
        // Short rows move whole; a tall one is split unless only a sliver of it would stay behind.
        if ((fitsOnFreshPage && need <= sheet.bodyHeight / 3) || fitLines < 3) {
          sheet.newPage();
          continue;
        }
        const head = laid.map((l) => ({ ...l, lines: l.lines.slice(0, fitLines) }));
        const partHeight = fitLines * style.lineHeight + 2 * style.padY;
        drawPart(sheet, head, style, partHeight);
        sheet.y += partHeight;
        laid = laid.map((l) => {
          const rest = l.lines.slice(fitLines);
          if (rest.length === 0 && l.cell.continuedText)
            return { ...l, lines: sheet.wrap(l.cell.continuedText, l.textWidth, style.size, l.cell.weight) };
          return { ...l, lines: rest };
        });
        sheet.newPage();
      }
    });
  } finally {
    sheet.onNewPage = previous;
  }
}

/** Height a row will take, without drawing it (to keep a heading with its first row). */
export function measureRow(sheet: Sheet, row: Cell[], style: TableStyle): number {
  return rowHeight(layRow(sheet, row, style, style.x ?? sheet.left), style);
}

function layRow(sheet: Sheet, row: Cell[], style: TableStyle, x0: number): Laid[] {
  const laid: Laid[] = [];
  let column = 0;
  let x = x0;
  for (const cell of row) {
    const span = cell.span ?? 1;
    const width = style.widths.slice(column, column + span).reduce((a, b) => a + b, 0);
    const box = cell.checkbox === undefined ? 0 : BOX * style.size + style.size * 0.4;
    const textX = x + style.padX + box;
    const textWidth = width - 2 * style.padX - box;
    const lines = !cell.text ? [] : cell.balance ? balancedWrap(sheet, cell.text, textWidth, style.size, cell.weight) : sheet.wrap(cell.text, textWidth, style.size, cell.weight);
    laid.push({ cell, x, width, textX, textWidth, lines });
    x += width;
    column += span;
  }
  return laid;
}

function balancedWrap(sheet: Sheet, text: string, width: number, size: number, weight?: FontWeight): string[] {
  let lines = sheet.wrap(text, width, size, weight);
  if (lines.length < 2) return lines;
  for (let w = width - size; w > size * 2; w -= size) {
    const narrower = sheet.wrap(text, w, size, weight);
    if (narrower.length > lines.length) break;
    lines = narrower;
  }
  return lines;
}

function rowHeight(laid: Laid[], style: TableStyle): number {
  const lines = Math.max(1, ...laid.map((l) => l.lines.length));
  return Math.max(style.minRowHeight ?? 0, lines * style.lineHeight + 2 * style.padY);
}

function drawPart(sheet: Sheet, laid: Laid[], style: TableStyle, height: number) {
  const { doc } = sheet;
  const y = sheet.y;
  for (const l of laid) {
    if (l.cell.fill) doc.rect(l.x, y, l.width, height).fill(l.cell.fill);
  }
  doc.lineWidth(style.borderWidth ?? 0.6).strokeColor('#000');
  for (const l of laid) doc.rect(l.x, y, l.width, height).stroke();
  for (const l of laid) {
    const block = l.lines.length * style.lineHeight;
    const top = y + (height - block) / 2;
    if (l.cell.checkbox !== undefined) drawTickBox(sheet, l.x + style.padX, top + style.lineHeight / 2, style.size, l.cell.checkbox);
    l.lines.forEach((text, k) => {
      sheet.line(text, l.textX, top + (k + 0.5) * style.lineHeight, style.size, {
        weight: l.cell.weight,
        width: l.textWidth,
        align: l.cell.align ?? 'left',
      });
    });
  }
}

/** A tick box: a drawn square, with a ✓ glyph (so the text layer reads ✓) when ticked. */
export function drawTickBox(sheet: Sheet, x: number, centerY: number, size: number, checked: boolean) {
  const side = BOX * size;
  sheet.doc.lineWidth(0.7).strokeColor('#000').rect(x, centerY - side / 2, side, side).stroke();
  if (checked) {
    const w = sheet.widthOf('✓', size, 'bold');
    sheet.line('✓', x + (side - w) / 2, centerY, size, { weight: 'bold' });
  }
}
