/** Inputs of the evaluation procedures (zod), apart from the rules so the public site can import those without zod. */
import { z } from 'zod';
import { DEFAULT_DIMENSION_WEIGHTS, EVALUATION_DIMENSIONS, EVALUATION_OUTCOMES, MAX_DIMENSION_SCORE, REPORT_FIGURES, weightsProblem, DEFAULT_REPORT_FORM_FIELDS, type DimensionWeights, type EvaluationDimension } from './evaluation.ts';

const id = (what: string) => z.uuid({ error: `${what}编号格式不正确` });
const isoDate = z.iso.date({ error: '日期格式应为 YYYY-MM-DD' });
const text = (max: number, error = `不超过 ${max} 字`) => z.string().trim().max(max, { error });

export const ZDimensionWeights = z
  .object(Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, z.number().int().min(0).max(100)])) as Record<EvaluationDimension, z.ZodNumber>)
  .strict()
  .superRefine((w, ctx) => {
    const problem = weightsProblem(w as DimensionWeights);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A question of the report form beyond the figures and the six texts (editable like the 申报表's fields). */
export const ZReportFormField = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: '字段标识应为小写字母开头的字母、数字或下划线' }),
  label: z.string().trim().min(1, { error: '请填写字段名称' }).max(60),
  required: z.boolean().default(false),
  maxLength: z.number().int().min(1).max(5000).default(1000),
});

export const ZOpenEvaluationRound = z
  .object({
    year: z.number().int().min(2022).max(2100),
    title: text(80).min(2, { error: '请填写轮次名称' }),
    opensOn: isoDate,
    reportDueAt: z.iso.datetime({ offset: true, error: '截止时间格式不正确' }),
    /** Bases in scope; empty means every active or rectifying base named before the year's end. */
    baseIds: z.array(id('基地')).max(2000).default([]),
    weights: ZDimensionWeights.default(DEFAULT_DIMENSION_WEIGHTS),
    formFields: z.array(ZReportFormField).max(20).default(DEFAULT_REPORT_FORM_FIELDS),
  })
  .strict();
export type TOpenEvaluationRound = z.infer<typeof ZOpenEvaluationRound>;

export const ZRoundRef = z.object({ roundId: id('轮次') }).strict();
export const ZReportRef = z.object({ reportId: id('报告') }).strict();
export const ZExtendDeadline = z
  .object({ roundId: id('轮次'), baseId: id('基地'), dueAt: z.iso.datetime({ offset: true, error: '截止时间格式不正确' }), reason: text(500).min(2, { error: '请说明延期理由' }) })
  .strict();
export const ZRoundBaseRef = z.object({ roundId: id('轮次'), baseId: id('基地') }).strict();

const ZCorrection = z.object({ value: z.number().int().min(0).max(1e12).nullable(), reason: text(500).nullable().default(null) }).strict();
export const ZSaveAnnualReport = z
  .object({
    reportId: id('报告'),
    version: z.number().int().min(1),
    corrections: z.partialRecord(z.enum(REPORT_FIGURES), ZCorrection).default({}),
    texts: z.partialRecord(z.enum(EVALUATION_DIMENSIONS), text(3000, '每个维度的说明不超过 3000 字')).default({}),
    answers: z.record(z.string().max(40), text(5000)).default({}),
    attachments: z.array(z.object({ name: text(120).min(1), url: z.url({ protocol: /^https?$/, error: '附件链接应为 http(s) 地址' }) }).strict()).max(20).default([]),
  })
  .strict();
export type TSaveAnnualReport = z.infer<typeof ZSaveAnnualReport>;

export const ZAssignEvaluators = z.object({ roundId: id('轮次'), perReport: z.number().int().min(1).max(5).default(2), expertUserIds: z.array(id('专家')).min(1, { error: '请选择专家' }).max(200) }).strict();
export const ZEvaluationScoreInput = z
  .object({
    assignmentId: id('评审任务'),
    version: z.number().int().min(1),
    scores: z.partialRecord(z.enum(EVALUATION_DIMENSIONS), z.number().int().min(0).max(MAX_DIMENSION_SCORE)),
    comment: text(2000).default(''),
    submit: z.boolean().default(false),
  })
  .strict();
export const ZEvaluationConflict = z.object({ assignmentId: id('评审任务'), reason: text(500).min(2, { error: '请说明回避理由' }) }).strict();
export const ZVisitRecord = z
  .object({
    roundId: id('轮次'),
    baseId: id('基地'),
    visitedOn: isoDate,
    visitors: text(200).min(1, { error: '请填写参加人员' }),
    findings: text(3000).min(2, { error: '请填写发现的情况' }),
    score: z.number().int().min(0).max(100),
    photos: z.array(z.url({ protocol: /^https?$/ })).max(9).default([]),
  })
  .strict();
export const ZOfficeCheck = z.object({ roundId: id('轮次'), baseId: id('基地'), score: z.number().int().min(0).max(100), note: text(2000).default('') }).strict();

export const ZOutcomeDecision = z
  .object({
    baseId: id('基地'),
    outcome: z.enum(EVALUATION_OUTCOMES, { error: '请选择考核结果' }),
    reason: text(1000).default(''),
    points: z.array(text(500).min(2, { error: '整改要点至少 2 个字' })).max(20).default([]),
    deadline: isoDate.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.outcome === 'rectify' && d.points.length === 0) ctx.addIssue({ code: 'custom', path: ['points'], message: '限期整改需列出整改要点' });
    if (d.outcome === 'fail' && d.reason.trim().length < 5) ctx.addIssue({ code: 'custom', path: ['reason'], message: '不合格需写明理由（至少 5 个字）' });
  });
export const ZDecideOutcomes = z.object({ roundId: id('轮次'), decisions: z.array(ZOutcomeDecision).min(1, { error: '请至少选择一个基地' }).max(500) }).strict();
export const ZConfirmOutcomes = z.object({ roundId: id('轮次'), decisions: z.array(ZOutcomeDecision).min(1).max(500), token: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
export type TOutcomeDecision = z.infer<typeof ZOutcomeDecision>;

export const ZRectificationRef = z.object({ rectificationId: id('整改') }).strict();
export const ZAnswerRectification = z
  .object({
    rectificationId: id('整改'),
    answers: z
      .array(z.object({ pointId: id('整改要点'), answer: text(3000).min(5, { error: '每条整改答复至少 5 个字' }), evidence: z.array(z.object({ name: text(120).min(1), url: z.url({ protocol: /^https?$/, error: '证明材料链接应为 http(s) 地址' }) }).strict()).max(10).default([]) }).strict())
      .min(1)
      .max(20),
  })
  .strict();
export const ZRecheck = z.object({ rectificationId: id('整改'), passed: z.boolean(), note: text(1000).min(5, { error: '请写明复查意见（至少 5 个字）' }) }).strict();

