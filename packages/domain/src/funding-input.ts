import { z } from 'zod';
import { BUDGET_CHANGE_KINDS, DEFAULT_CHANGE_THRESHOLD_PERCENT, DEFAULT_COST_CATEGORIES, DEFAULT_TRANCHE_PERCENTS, FUNDING_KINDS, FUNDING_TARGET_KEYS, isTrancheSplit, parseYuan } from './funding.ts';
import { ZReviewCriteriaInput } from './review-criteria.ts';
import { EVALUATION_OUTCOMES } from './evaluation.ts';

/** Input schemas of special activity funding, used by the pages and by the `funding.*` procedures. */

export const FUNDING_LIMITS = { titleMax: 80, textMax: 5000, linesMax: 60, milestonesMax: 30, coApplicantsMax: 20, groupMax: 30, reasonMax: 1000 } as const;

const id = z.uuid({ error: '编号格式不正确' });
const instant = (error: string) => z.iso.datetime({ offset: true, error });
const day = z.iso.date({ error: '日期格式应为 年-月-日' }).refine((d) => d >= '2000-01-01' && d <= '2099-12-31', { error: '日期超出范围' });
const text = (max: number, error: string) => z.string().trim().max(max, { error }).default('');

/** An amount typed in yuan ('12.34'), received as integer fen. */
export const ZYuan = z
  .union([z.string(), z.number()], { error: '请填写金额' })
  .transform((value, ctx) => {
    const parsed = parseYuan(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.fen;
  });
/** The same, above zero. */
export const ZPositiveYuan = ZYuan.refine((fen) => fen > 0, { error: '金额须大于 0' });

export const ZFundingCallFields = z
  .object({
    title: z.string().trim().min(4, { error: '标题至少 4 个字' }).max(FUNDING_LIMITS.titleMax, { error: `标题不超过 ${FUNDING_LIMITS.titleMax} 个字` }),
    year: z.number({ error: '请填写年度' }).int().min(2022, { error: '年度不早于 2022' }).max(2099, { error: '年度不晚于 2099' }),
    description: text(FUNDING_LIMITS.textMax, '说明过长'),
    pool: ZPositiveYuan,
    maxPerProject: ZPositiveYuan,
    kinds: z.array(z.enum(FUNDING_KINDS, { error: '请选择项目类型' })).min(1, { error: '至少选择一种项目类型' }).max(FUNDING_KINDS.length),
    opensAt: instant('请选择开始时间'),
    closesAt: instant('请选择截止时间'),
    allowAlliances: z.boolean().default(true),
    categories: z
      .array(z.string().trim().min(2, { error: '科目名称至少 2 个字' }).max(20, { error: '科目名称不超过 20 个字' }))
      .min(1, { error: '至少需要一个费用科目' })
      .max(12)
      .default([...DEFAULT_COST_CATEGORIES])
      .refine((list) => new Set(list).size === list.length, { error: '费用科目不能重复' }),
    requiredAttachments: z.array(z.string().trim().min(2).max(40)).max(10).default([]),
    criteria: ZReviewCriteriaInput,
    changeThresholdPercent: z.number().int().min(0, { error: '阈值在 0–100 之间' }).max(100, { error: '阈值在 0–100 之间' }).default(DEFAULT_CHANGE_THRESHOLD_PERCENT),
    /** Days after a project's end by which its final report is due. */
    reportDueDays: z.number().int().min(1).max(365).default(30),
    /** How awards are paid: whole percentages in order, adding up to 100 (default 70 % on the agreement, 30 % after acceptance). */
    tranchePercents: z
      .array(z.number({ error: '请填写百分比' }).int({ error: '百分比须为整数' }).min(1, { error: '每期至少 1%' }).max(100, { error: '每期不超过 100%' }))
      .min(1, { error: '至少一期' })
      .max(6, { error: '最多 6 期' })
      .default([...DEFAULT_TRANCHE_PERCENTS])
      .refine(isTrancheSplit, { error: '各期拨款比例之和须为 100%' }),
    /** The working group: users holding `funding_reviewer`. */
    groupMemberIds: z.array(id).max(FUNDING_LIMITS.groupMax).default([]),
    /** The lowest latest evaluation outcome an applying base may hold (e.g. 'pass' = 合格 or better); null asks none. */
    minOutcome: z.enum(EVALUATION_OUTCOMES, { error: '考核结果要求不正确' }).nullable().default(null),
  })
  .refine((c) => new Date(c.closesAt).getTime() > new Date(c.opensAt).getTime(), { error: '截止时间须晚于开始时间', path: ['closesAt'] })
  .refine((c) => c.maxPerProject <= c.pool, { error: '单项上限不能超过资金总额', path: ['maxPerProject'] })
  .refine((c) => new Set(c.groupMemberIds).size === c.groupMemberIds.length, { error: '工作组成员不能重复', path: ['groupMemberIds'] });
export type TFundingCallFields = z.infer<typeof ZFundingCallFields>;

export const ZFundingCallUpdate = z.intersection(ZFundingCallFields, z.object({ callId: id, version: z.number().int().min(1) }));

export const ZBudgetLineInput = z.object({
  key: z.string().regex(/^[a-z0-9]{1,16}$/, { error: '预算行编号不正确' }).optional(),
  category: z.string().trim().min(1, { error: '请选择科目' }).max(20),
  item: z.string().trim().min(1, { error: '请填写支出内容' }).max(80, { error: '支出内容不超过 80 个字' }),
  quantity: z.number({ error: '请填写数量' }).int({ error: '数量须为整数' }).min(1, { error: '数量至少为 1' }).max(100_000, { error: '数量过大' }),
  unitPrice: ZYuan,
  justification: text(500, '测算依据不超过 500 字'),
});
export type TBudgetLineInput = z.infer<typeof ZBudgetLineInput>;

export const ZFundingTargets = z.object(
  Object.fromEntries(FUNDING_TARGET_KEYS.map((k) => [k, z.number({ error: '请填写整数' }).int({ error: '请填写整数' }).min(0, { error: '不能为负数' }).max(100_000_000).default(0)])) as Record<
    (typeof FUNDING_TARGET_KEYS)[number],
    z.ZodDefault<z.ZodNumber>
  >,
);

export const ZFundingApplicationFields = z.object({
  title: text(FUNDING_LIMITS.titleMax, `项目名称不超过 ${FUNDING_LIMITS.titleMax} 个字`),
  kind: z.enum(FUNDING_KINDS, { error: '请选择项目类型' }),
  aims: text(FUNDING_LIMITS.textMax, '项目目标过长'),
  audiences: text(1000, '受众说明过长'),
  startDate: day.nullable().default(null),
  endDate: day.nullable().default(null),
  milestones: z.array(z.object({ date: day, title: z.string().trim().min(1, { error: '请填写节点内容' }).max(120) })).max(FUNDING_LIMITS.milestonesMax).default([]),
  targets: ZFundingTargets.default({ events: 0, people: 0, youth: 0, newMedia: 0 }),
  lines: z.array(ZBudgetLineInput).max(FUNDING_LIMITS.linesMax, { error: `预算行不超过 ${FUNDING_LIMITS.linesMax} 条` }).default([]),
  coFunding: ZYuan.default(0),
  coFundingSource: text(200, '其他来源说明过长'),
  /** Other named bases joining a joint action (an alliance's application). */
  coApplicantBaseIds: z.array(id).max(FUNDING_LIMITS.coApplicantsMax).default([]),
});
export type TFundingApplicationFields = z.infer<typeof ZFundingApplicationFields>;

/** Creating a draft: the base is one the viewer manages; an alliance applies through its lead base. */
export const ZFundingApplicationCreate = z.object({ callId: id, baseId: id, allianceId: id.nullable().default(null), kind: z.enum(FUNDING_KINDS, { error: '请选择项目类型' }) });
export const ZFundingApplicationSave = z.object({ applicationId: id, version: z.number().int().min(1), fields: ZFundingApplicationFields });

export const ZFundingApplicationRef = z.object({ applicationId: id });
export const ZFundingCallRef = z.object({ callId: id });

export const ZFundingAssignment = z.object({ callId: id, perApplication: z.number().int().min(2, { error: '每项至少 2 名成员' }).max(7).default(2) });
export const ZFundingConflictDeclaration = z.object({ applicationId: id, reason: z.string().trim().min(2, { error: '请说明回避理由' }).max(FUNDING_LIMITS.reasonMax) });

export const ZFundingReviewInput = z.object({
  applicationId: id,
  scores: z.record(z.string().max(40), z.number({ error: '分数须为数字' })),
  proposed: ZYuan,
  /** Lines the reviewer cuts: key → the amount they propose for it. */
  lineCuts: z.record(z.string().max(16), ZYuan).default({}),
  opinion: text(FUNDING_LIMITS.textMax, '意见过长'),
  submit: z.boolean().default(false),
});

export const ZFundingDecisionInput = z
  .object({ applicationId: id, decision: z.enum(['approve', 'refuse'], { error: '请选择决定' }), award: ZYuan.default(0), reason: text(FUNDING_LIMITS.reasonMax, '理由过长') })
  .refine((d) => d.decision !== 'approve' || d.award > 0, { error: '批准时请填写资助金额', path: ['award'] })
  .refine((d) => d.decision !== 'refuse' || d.reason.length >= 2, { error: '不予资助时请说明理由', path: ['reason'] });

export const ZTrancheInput = z.object({
  applicationId: id,
  amount: ZPositiveYuan,
  paidOn: day,
  voucherNo: z.string().trim().min(1, { error: '请填写凭证号' }).max(40, { error: '凭证号不超过 40 个字符' }),
  note: text(200, '备注过长'),
});

export const ZBudgetChangeInput = z.object({
  applicationId: id,
  kind: z.enum(BUDGET_CHANGE_KINDS, { error: '请选择调整类型' }),
  lines: z.array(ZBudgetLineInput).max(FUNDING_LIMITS.linesMax).default([]),
  endDate: day.nullable().default(null),
  scope: text(FUNDING_LIMITS.textMax, '内容说明过长'),
  reason: z.string().trim().min(2, { error: '请说明调整理由' }).max(FUNDING_LIMITS.reasonMax),
});
export const ZBudgetChangeDecision = z
  .object({ changeId: id, approve: z.boolean(), note: text(FUNDING_LIMITS.reasonMax, '意见过长') })
  .refine((d) => d.approve || d.note.length >= 2, { error: '不批准时请说明理由', path: ['note'] });

export const ZFundingReportInput = z.object({
  applicationId: id,
  kind: z.enum(['interim', 'final']).default('final'),
  summary: z.string().trim().min(2, { error: '请填写执行情况' }).max(FUNDING_LIMITS.textMax),
  /** Actual spending per budget line key. */
  spent: z.record(z.string().max(16), ZYuan),
  targetsActual: ZFundingTargets,
  eventIds: z.array(id).max(100).default([]),
});
export const ZFundingReportDecision = z.discriminatedUnion(
  'decision',
  [
    z.object({ applicationId: id, decision: z.literal('accept'), note: text(FUNDING_LIMITS.reasonMax, '意见过长') }),
    z.object({ applicationId: id, decision: z.literal('return'), note: z.string().trim().min(2, { error: '请说明需修改之处' }).max(FUNDING_LIMITS.reasonMax), deadline: day }),
    z.object({ applicationId: id, decision: z.literal('close'), note: text(FUNDING_LIMITS.reasonMax, '意见过长'), refund: ZYuan }),
  ],
  { error: '请选择验收结论' },
);

/** The office reduces an award (核减): what is given up is released back to the pool. */
export const ZFundingReduceInput = z.object({ applicationId: id, award: ZPositiveYuan, reason: z.string().trim().min(2, { error: '请说明核减理由' }).max(FUNDING_LIMITS.reasonMax) });
/** The office cancels a grant (撤销资助): the amount returned is refunded, the unpaid rest released. */
export const ZFundingCancelInput = z.object({ applicationId: id, refund: ZYuan.default(0), reason: z.string().trim().min(2, { error: '请说明撤销理由' }).max(FUNDING_LIMITS.reasonMax) });

/** Bulk approval: the applications and the award of each, previewed, then confirmed with the preview's token. */
export const ZFundingBulkApproval = z.object({
  callId: id,
  items: z
    .array(z.object({ applicationId: id, award: ZPositiveYuan }))
    .min(1, { error: '请至少选择一项申请' })
    .max(200, { error: '一次最多批准 200 项' })
    .refine((list) => new Set(list.map((i) => i.applicationId)).size === list.length, { error: '申请不能重复' }),
  reason: text(FUNDING_LIMITS.reasonMax, '理由过长'),
});
export const ZFundingBulkConfirm = ZFundingBulkApproval.and(z.object({ token: z.string().regex(/^[0-9a-f]{64}$/, { error: '预览凭据不正确' }) }));

export const ZFundingFileRef = z.object({ applicationId: id, fileId: id });
export const FUNDING_FILE_LIMITS = { maxBytes: 20 * 1024 * 1024, attachmentsMax: 20, evidenceMax: 40, labelMax: 40 } as const;
export const FUNDING_FILE_MESSAGES = {
  wrongFormat: '只能上传 PDF 或 JPEG 文件（按文件内容识别，改扩展名无效）',
  tooLarge: '文件不能超过 20 MB',
  empty: '文件为空',
} as const;
