import QRCode from 'qrcode';
import type { Sheet } from './sheet.ts';

/** The QR code's dark modules as rows of runs, computed once per document. */
export type QrMatrix = { size: number; runs: Array<[row: number, start: number, length: number]> };

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: QrMatrix['runs'] = [];
  for (let r = 0; r < modules.size; r++) {
    let start = -1;
    for (let c = 0; c <= modules.size; c++) {
      const dark = c < modules.size && modules.get(r, c);
      if (dark && start < 0) start = c;
      if (!dark && start >= 0) {
        runs.push([r, start, c - start]);
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}

/** Draws the code as vector squares (sharp at any zoom, no image to embed), `side` points wide. */
export function drawQr(sheet: Sheet, matrix: QrMatrix, x: number, y: number, side: number) {
  const unit = side / matrix.size;
  const { doc } = sheet;
  doc.save();
  for (const [r, c, n] of matrix.runs) doc.rect(x + c * unit, y + r * unit, n * unit, unit);
  doc.fill('#000');
  doc.restore();
}
