import { z } from 'zod';
import { ACCOUNT_FIELD_MESSAGES, ZEmail, ZMobile, ZPhone, ZUscc } from './accounts.ts';
import { DISTRICT_CODES } from './districts.ts';
import { ORGANIZATION_TYPE_LABELS } from './organizations.ts';
import { BASE_CATEGORIES } from './spirit.ts';
import { FORM_LIMITS, fieldLimits } from './form-limits.ts';

/**
 * The application form (申报表) is data: a campaign carries its list of fields, the office can add
 * one without a code change, and the same list builds the validators used by server and browser.
 */
export const FIELD_TYPES = [
  'text', 'textarea', 'number', 'select', 'date', 'uscc', 'phone', 'mobile', 'email', 'postcode',
  'district', 'category', 'table', 'checkbox',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FORM_SECTIONS = [
  { key: 'identity', zh: '基本信息', en: 'Identity' },
  { key: 'space', zh: '场馆与开放', en: 'Space and opening' },
  { key: 'content', zh: '展陈内容', en: 'Content' },
  { key: 'people', zh: '队伍与制度', en: 'People and rules' },
  { key: 'activities', zh: '活动开展', en: 'Activities' },
  { key: 'support', zh: '经费与称号', en: 'Support' },
  { key: 'plan', zh: '建设计划', en: 'Plan' },
  { key: 'declaration', zh: '承诺', en: 'Declaration' },
] as const;
export type SectionKey = (typeof FORM_SECTIONS)[number]['key'];

const ZColumn = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
  label: z.string().min(1).max(40),
  labelEn: z.string().max(60).optional(),
  type: z.enum(['text', 'number', 'date', 'select']),
  options: z.array(z.string().min(1).max(40)).max(30).optional(),
});

export const ZFormField = z.object({
  key: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, { error: '字段标识须以字母开头，仅含字母和数字' }),
  section: z.enum(FORM_SECTIONS.map((s) => s.key) as [SectionKey, ...SectionKey[]]),
  label: z.string().trim().min(1, { error: '请输入字段名称' }).max(60),
  labelEn: z.string().trim().max(80).optional(),
  type: z.enum(FIELD_TYPES),
  required: z.boolean(),
  help: z.string().max(300).optional(),
  maxLength: z.number().int().min(1).max(20000).optional(),
  maxRows: z.number().int().min(1).max(FORM_LIMITS.tableRows, { error: `表格最多 ${FORM_LIMITS.tableRows} 行` }).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  unit: z.string().max(10).optional(),
  options: z.array(z.object({ value: z.string().min(1).max(60), label: z.string().min(1).max(60) })).max(50).optional(),
  columns: z.array(ZColumn).max(8).optional(),
});
export type FormField = z.infer<typeof ZFormField>;

const ITEM_KINDS = ['书信', '手稿', '图纸', '证章', '影像', '其他'];

const f = (field: FormField) => field;
export const DEFAULT_FORM_FIELDS: FormField[] = [
  f({ key: 'baseName', section: 'identity', label: '基地名称', labelEn: 'Base name', type: 'text', required: true, maxLength: 60, help: '可与依托单位名称不同' }),
  f({ key: 'hostUnit', section: 'identity', label: '依托单位', labelEn: 'Host unit', type: 'text', required: true, maxLength: 100 }),
  f({ key: 'uscc', section: 'identity', label: '统一社会信用代码', labelEn: 'Unified social credit code', type: 'uscc', required: true }),
  f({
    key: 'unitType', section: 'identity', label: '单位性质', labelEn: 'Unit type', type: 'select', required: true,
    options: Object.entries(ORGANIZATION_TYPE_LABELS).map(([value, label]) => ({ value, label })),
  }),
  f({ key: 'category', section: 'identity', label: '基地类别', labelEn: 'Category', type: 'category', required: true }),
  f({ key: 'supervisingDepartment', section: 'identity', label: '主管部门', labelEn: 'Supervising department', type: 'text', required: true, maxLength: 100 }),
  f({ key: 'districtCode', section: 'identity', label: '所在区', labelEn: 'District', type: 'district', required: true }),
  f({ key: 'address', section: 'identity', label: '详细地址', labelEn: 'Address', type: 'text', required: true, maxLength: 200 }),
  f({ key: 'postcode', section: 'identity', label: '邮政编码', labelEn: 'Postcode', type: 'postcode', required: true }),
  f({ key: 'legalRepresentative', section: 'identity', label: '法定代表人', labelEn: 'Legal representative', type: 'text', required: true, maxLength: 50 }),
  f({ key: 'personInCharge', section: 'identity', label: '基地负责人', labelEn: 'Person in charge', type: 'text', required: true, maxLength: 50 }),
  f({ key: 'contactName', section: 'identity', label: '联系人', labelEn: 'Contact', type: 'text', required: true, maxLength: 50 }),
  f({ key: 'contactPhone', section: 'identity', label: '联系电话', labelEn: 'Phone', type: 'phone', required: true }),
  f({ key: 'contactMobile', section: 'identity', label: '手机', labelEn: 'Mobile', type: 'mobile', required: true }),
  f({ key: 'contactEmail', section: 'identity', label: '电子邮箱', labelEn: 'Email', type: 'email', required: true }),

  f({ key: 'exhibitionArea', section: 'space', label: '展陈面积', labelEn: 'Exhibition area', type: 'number', required: true, min: 0, max: 1_000_000, unit: 'm²' }),
  f({ key: 'floorArea', section: 'space', label: '建筑面积', labelEn: 'Floor area', type: 'number', required: true, min: 0, max: 10_000_000, unit: 'm²' }),
  f({ key: 'openDaysPerYear', section: 'space', label: '年开放天数', labelEn: 'Days open per year', type: 'number', required: true, min: 0, max: 366, unit: '天' }),
  f({ key: 'annualVisitors', section: 'space', label: '年接待人次', labelEn: 'Annual visitors', type: 'number', required: true, min: 0, max: 100_000_000, unit: '人次' }),
  f({ key: 'studentArrangements', section: 'space', label: '面向学生的免费或优惠安排', labelEn: 'Free or reduced-price arrangements for students', type: 'textarea', required: true, maxLength: 1000 }),
  f({ key: 'bookingMethod', section: 'space', label: '预约方式', labelEn: 'How to book', type: 'textarea', required: true, maxLength: 500 }),

  f({ key: 'scientists', section: 'content', label: '展示的科学家及团队', labelEn: 'Scientists and teams presented', type: 'textarea', required: true, maxLength: 2000 }),
  f({
    key: 'originalItems', section: 'content', label: '原始实物藏品', labelEn: 'Original items', type: 'table', required: true,
    columns: [
      { key: 'kind', label: '类别', labelEn: 'Kind', type: 'select', options: ITEM_KINDS },
      { key: 'count', label: '数量（件）', labelEn: 'Count', type: 'number' },
      { key: 'description', label: '说明', labelEn: 'Description', type: 'text' },
    ],
  }),
  f({ key: 'exhibitionOutline', section: 'content', label: '展陈大纲', labelEn: 'Exhibition outline', type: 'textarea', required: true, maxLength: 5000 }),

  f({ key: 'guidesFullTime', section: 'people', label: '专职讲解员', labelEn: 'Full-time guides', type: 'number', required: true, min: 0, max: 10000, unit: '人' }),
  f({ key: 'guidesPartTime', section: 'people', label: '兼职讲解员', labelEn: 'Part-time guides', type: 'number', required: true, min: 0, max: 10000, unit: '人' }),
  f({ key: 'volunteers', section: 'people', label: '志愿者', labelEn: 'Volunteers', type: 'number', required: true, min: 0, max: 100000, unit: '人' }),
  f({ key: 'managementRules', section: 'people', label: '现行管理制度', labelEn: 'Management rules in force', type: 'textarea', required: true, maxLength: 2000 }),

  f({
    key: 'activities', section: 'activities', label: '近三年开展的主要活动', labelEn: 'Activities in the last three years', type: 'table', required: true,
    columns: [
      { key: 'title', label: '活动名称', labelEn: 'Title', type: 'text' },
      { key: 'date', label: '日期', labelEn: 'Date', type: 'date' },
      { key: 'audience', label: '对象', labelEn: 'Audience', type: 'text' },
      { key: 'attendance', label: '参与人次', labelEn: 'Attendance', type: 'number' },
    ],
  }),
  f({ key: 'partnerships', section: 'activities', label: '与学校、高校、学会、企业的合作', labelEn: 'Partnerships', type: 'textarea', required: false, maxLength: 2000 }),
  f({ key: 'newMediaChannels', section: 'activities', label: '新媒体渠道', labelEn: 'New-media channels', type: 'textarea', required: false, maxLength: 1000 }),
  f({ key: 'promotionalProducts', section: 'activities', label: '宣传产品', labelEn: 'Promotional products', type: 'textarea', required: false, maxLength: 1000 }),

  f({ key: 'annualFunding', section: 'support', label: '年度活动经费', labelEn: 'Annual activity funding', type: 'number', required: true, min: 0, max: 1_000_000, unit: '万元' }),
  f({
    key: 'existingTitles', section: 'support', label: '已获称号', labelEn: 'Existing titles', type: 'table', required: false,
    columns: [
      { key: 'title', label: '称号', labelEn: 'Title', type: 'text' },
      { key: 'namingBody', label: '命名单位', labelEn: 'Naming body', type: 'text' },
      { key: 'year', label: '年份', labelEn: 'Year', type: 'number' },
    ],
  }),

  f({ key: 'threeYearPlan', section: 'plan', label: '三年建设计划', labelEn: 'Three-year plan', type: 'textarea', required: true, maxLength: 5000 }),

  f({
    key: 'declaration', section: 'declaration', label: '本单位承诺所填信息真实、准确，所报材料不涉及国家秘密', labelEn: 'We declare the information true and accurate, and that no material is classified',
    type: 'checkbox', required: true,
  }),
];

const filled = (value: unknown) =>
  !(value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0) || value === false);

function cellValidator(column: z.infer<typeof ZColumn>) {
  if (column.type === 'number') return z.number({ error: `${column.label}须为数字` }).min(0, { error: `${column.label}不能为负数` });
  if (column.type === 'date') return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${column.label}须为日期` });
  if (column.type === 'select') return z.string().refine((v) => !column.options || column.options.includes(v), { error: `请选择${column.label}` });
  return z.string().trim().min(1, { error: `请填写${column.label}` }).max(FORM_LIMITS.cell, { error: `${column.label}不能超过 ${FORM_LIMITS.cell} 字` });
}

/** The validator of one field's value when it is present. */
export function fieldValidator(field: FormField, campaign: { categories: readonly string[] } = { categories: BASE_CATEGORIES }): z.ZodType {
  const label = field.label;
  switch (field.type) {
    case 'text':
    case 'textarea':
      return z.string().trim().min(1, { error: `请填写${label}` }).max(fieldLimits(field).maxLength, { error: `${label}不能超过 ${fieldLimits(field).maxLength} 字` });
    case 'number': {
      let schema = z.number({ error: `${label}须为数字` });
      if (field.min !== undefined) schema = schema.min(field.min, { error: `${label}不能小于 ${field.min}` });
      if (field.max !== undefined) schema = schema.max(field.max, { error: `${label}不能大于 ${field.max}` });
      return schema;
    }
    case 'select':
      return z.string().refine((v) => (field.options ?? []).some((o) => o.value === v), { error: `请选择${label}` });
    case 'date':
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}须为日期` });
    case 'uscc':
      return ZUscc;
    case 'phone':
      return ZPhone;
    case 'mobile':
      return ZMobile;
    case 'email':
      return ZEmail;
    case 'postcode':
      return z.string().regex(/^1\d{5}$/, { error: ACCOUNT_FIELD_MESSAGES.postcode });
    case 'district':
      return z.enum(DISTRICT_CODES, { error: ACCOUNT_FIELD_MESSAGES.district });
    case 'category':
      return z.string().refine((v) => campaign.categories.includes(v), { error: '请选择基地类别' });
    case 'table':
      return z
        .array(z.object(Object.fromEntries((field.columns ?? []).map((c) => [c.key, cellValidator(c)]))))
        .max(fieldLimits(field).maxRows, { error: `${label}最多 ${fieldLimits(field).maxRows} 行` });
    case 'checkbox':
      return z.literal(true, { error: `请勾选：${label}` });
  }
}

export type FieldProblem = { key: string; section: SectionKey; label: string; message: string };

/** Every problem in the form at once, as submission would see it: missing required fields and invalid values. */
export function validateApplication(
  fields: readonly FormField[],
  data: Record<string, unknown>,
  campaign?: { categories: readonly string[] },
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of fields) {
    const value = data[field.key];
    if (!filled(value)) {
      if (field.required) problems.push({ key: field.key, section: field.section, label: field.label, message: field.type === 'checkbox' ? `请勾选：${field.label}` : `请填写${field.label}` });
      continue;
    }
    const result = fieldValidator(field, campaign).safeParse(value);
    if (!result.success) problems.push({ key: field.key, section: field.section, label: field.label, message: result.error.issues[0]?.message ?? `${field.label}填写有误` });
  }
  return problems;
}

/** How complete the form is: the share of required fields filled in validly, and per section. */
export function applicationCompleteness(fields: readonly FormField[], data: Record<string, unknown>, campaign?: { categories: readonly string[] }) {
  const problems = new Set(validateApplication(fields, data, campaign).map((p) => p.key));
  const required = fields.filter((f) => f.required);
  const done = required.filter((f) => !problems.has(f.key)).length;
  const sections = FORM_SECTIONS.map((section) => {
    const inSection = required.filter((f) => f.section === section.key);
    return { key: section.key, total: inSection.length, done: inSection.filter((f) => !problems.has(f.key)).length };
  }).filter((s) => s.total > 0);
  return { percent: required.length ? Math.round((done / required.length) * 100) : 100, done, total: required.length, sections };
}

/** Drafts keep whatever was typed, valid or not, within a size a form can reach. */
export const DRAFT_MAX_BYTES = 512 * 1024;
export const ZDraftData = z
  .record(z.string().max(40), z.unknown())
  .refine((data) => JSON.stringify(data).length <= DRAFT_MAX_BYTES, { error: '草稿内容过大' });
