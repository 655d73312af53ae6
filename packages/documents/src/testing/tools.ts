import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Poppler and zbar, run on a PDF written to a scratch folder. */
export function withPdfFile<T>(pdf: Buffer, use: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'ssb-documents-'));
  try {
    const path = join(dir, 'document.pdf');
    writeFileSync(path, pdf);
    return use(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const pdfText = (pdf: Buffer, options: { layout?: boolean } = {}) =>
  withPdfFile(pdf, (path) => execFileSync('pdftotext', ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), path, '-'], { encoding: 'utf8' }));

/** The lines as laid out on the page, each without its spaces. */
export const pdfLayoutLines = (pdf: Buffer) => pdfText(pdf, { layout: true }).split('\n').map((line) => line.replace(/\s+/g, ''));

/** The text with all white space removed, so a label wrapped over two lines still matches. */
export const pdfTextCompact = (pdf: Buffer) => pdfText(pdf).replace(/\s+/g, '');

export function pdfInfo(pdf: Buffer): { pages: number; width: number; height: number; raw: string } {
  const raw = withPdfFile(pdf, (path) => execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(raw);
  const pages = /Pages:\s+(\d+)/.exec(raw);
  return { pages: Number(pages?.[1]), width: Number(size?.[1]), height: Number(size?.[2]), raw };
}

/** The text of each page separately (pdftotext splits pages with a form feed). */
export const pdfPages = (pdf: Buffer) => pdfText(pdf).split('\f').filter((page) => page.trim() !== '');

export const hasCommand = (command: string, args = ['--version']) => {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error;
};

/** Renders page 1 at 150 dpi and decodes the QR codes on it with zbarimg. */
export function decodeQrOnFirstPage(pdf: Buffer): string[] {
  return withPdfFile(pdf, (path, dir) => {
    execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', path, join(dir, 'page')]);
    const out = spawnSync('zbarimg', ['--quiet', '--raw', join(dir, 'page.png')], { encoding: 'utf8' });
    return out.stdout.split('\n').filter(Boolean);
  });
}

/** How many pixels of a region of page 1 (in PDF points from the top left) are clearly red, rendered at 72 dpi. */
export function redPixelsIn(pdf: Buffer, region: { x: number; y: number; width: number; height: number }): number {
  return withPdfFile(pdf, (path, dir) => {
    const crop = ['-x', String(region.x), '-y', String(region.y), '-W', String(region.width), '-H', String(region.height)];
    execFileSync('pdftoppm', ['-r', '72', '-f', '1', '-l', '1', '-singlefile', ...crop, path, join(dir, 'crop')]);
    const ppm = readFileSync(join(dir, 'crop.ppm'));
    // Binary PPM: "P6\n<w> <h>\n255\n" then RGB bytes.
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
    let red = 0;
    for (let i = header[0].length; i + 2 < ppm.length; i += 3) if (ppm[i]! > 140 && ppm[i + 1]! < 100 && ppm[i + 2]! < 100) red += 1;
    return red;
  });
}
