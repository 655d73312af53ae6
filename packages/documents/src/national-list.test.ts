import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { NATIONAL_LIST_COLUMNS, renderNationalListXlsx, type NationalListRow } from './national-list.ts';

const row = (i: number): NationalListRow => ({
  number: `京科精基地-2026-${String(i + 1).padStart(3, '0')}`,
  baseName: `航天科学家精神展馆${i + 1}`,
  hostUnit: '京华航天科学家纪念馆',
  uscc: '911101080000000019',
  category: '科技馆',
  districtCode: '110108',
  namedOn: '2026-05-30',
  validUntil: '2031-05-29',
  address: '北京市海淀区示例路1号',
  scientists: ['钱学森', '赵九章'],
  contactName: '王五',
  contactPhone: '010-62345678',
});

describe('national list xlsx', () => {
  it('has the agreed columns, one row per base, codes as text', async () => {
    const file = await renderNationalListXlsx({ batchYear: 2026, issuingOffice: '北京市科学家精神教育基地工作办公室', rows: [row(0), row(1)], generatedAt: new Date('2026-06-01T02:00:00Z') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('推荐名单')!;
    expect(sheet.getCell('A1').value).toBe('2026年北京市科学家精神教育基地推荐名单');
    expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([...NATIONAL_LIST_COLUMNS]);
    expect(NATIONAL_LIST_COLUMNS).toEqual(['序号', '基地名称', '依托单位', '统一社会信用代码', '基地类别', '所在区', '命名编号', '命名日期', '有效期至', '详细地址', '展示的科学家', '联系人', '联系电话', '备注']);
    expect((sheet.getRow(4).values as unknown[]).slice(1, 12)).toEqual([1, '航天科学家精神展馆1', '京华航天科学家纪念馆', '911101080000000019', '科技馆', '海淀区', '京科精基地-2026-001', '2026-05-30', '2031-05-29', '北京市海淀区示例路1号', '钱学森、赵九章']);
    expect(sheet.getRow(5).getCell(7).value).toBe('京科精基地-2026-002');
    expect(sheet.rowCount).toBe(5);
  });
});
