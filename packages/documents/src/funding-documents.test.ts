import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { tranchePlan } from './funding-agreement.ts';
import { renderFundingXlsx } from './funding-xlsx.ts';

describe('funding documents', () => {
  it('words the tranche plan with amounts that add up to the award', () => {
    expect(tranchePlan(100_001, [70, 30])).toBe('分 2 期拨付：第 1 期协议确认后拨付 70%（700.00 元），第 2 期结项报告验收通过后拨付 30%（300.01 元）');
    expect(tranchePlan(50_000, [100])).toBe('协议确认后一次性拨付 500.00 元');
    expect(tranchePlan(10_000, [50, 30, 20])).toContain('第 2 期项目执行中期拨付 30%（30.00 元）');
  });
  it('writes one sheet per table, amounts as numbers', async () => {
    const file = await renderFundingXlsx({ title: '专项活动工作经费', generatedAt: '2026-05-01 10:00', sheets: [{ name: '台账', columns: ['序号', '金额'], widths: [6, 14], moneyColumns: [1], rows: [[1, 1234.56]] }] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('台账')!;
    expect(sheet.getCell('A1').value).toBe('专项活动工作经费·台账');
    expect(sheet.getRow(4).getCell(2).value).toBe(1234.56);
    expect(sheet.getRow(4).getCell(2).numFmt).toBe('#,##0.00');
  });
});
