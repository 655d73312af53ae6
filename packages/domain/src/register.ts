import { z } from 'zod';
import { BASE_TERM_YEARS, type BaseStatus } from './bases.ts';
import { isPhoneNumber } from './phone.ts';

/** Register numbers read 京科精基地-2026-001: prefix, batch year, sequence within the batch. */
export const BASE_NUMBER_PREFIX = '京科精基地';

export function formatBaseNumber(batchYear: number, sequence: number) {
  if (!Number.isInteger(sequence) || sequence < 1) throw new Error(`sequence must be a positive integer, got ${sequence}`);
  return `${BASE_NUMBER_PREFIX}-${batchYear}-${String(sequence).padStart(3, '0')}`;
}

export function parseBaseNumber(number: string): { batchYear: number; sequence: number } | null {
  const match = /^京科精基地-(\d{4})-(\d{3,})$/.exec(number);
  return match ? { batchYear: Number(match[1]), sequence: Number(match[2]) } : null;
}

/**
 * A title named on 2022-05-30 holds for five years: up to and including 2027-05-29.
 * Named on 29 February, it ends on 28 February five years on.
 */
export function baseValidUntil(namedOn: string, years = BASE_TERM_YEARS) {
  const [y, m, d] = namedOn.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  // 29 Feb + 5 years rolls to 1 March: step back to the last day of February first.
  if (end.getUTCMonth() !== m - 1) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** Who may move a base where: a revoked title is final; an expired one is renewed by applying again. */
export const BASE_STATUS_TRANSITIONS: Record<BaseStatus, BaseStatus[]> = {
  active: ['rectification', 'revoked', 'expired'],
  rectification: ['active', 'revoked', 'expired'],
  revoked: [],
  expired: [],
};

export const canChangeBaseStatus = (from: BaseStatus, to: BaseStatus) => BASE_STATUS_TRANSITIONS[from].includes(to);

/** An objection to a shortlisted nomination during the public notice (实名: name and phone required). */
export const ZObjectionInput = z.object({
  noticeId: z.uuid({ error: '公示不存在' }),
  applicationId: z.uuid({ error: '请选择异议针对的基地' }),
  filerName: z.string({ error: '请填写姓名' }).trim().min(2, { error: '请填写真实姓名' }).max(30, { error: '姓名不超过 30 字' }),
  filerPhone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .refine(isPhoneNumber, { error: '请填写有效的手机号或固定电话（如 13800138000 或 010-12345678）' }),
  filerEmail: z.union([z.literal(''), z.email({ error: '电子邮箱格式不正确' }).max(120)]).optional(),
  body: z.string({ error: '请填写异议内容' }).trim().min(10, { error: '异议内容至少 10 个字，请写明事实和理由' }).max(2000, { error: '异议内容不超过 2000 字' }),
});
export type TObjectionInput = z.infer<typeof ZObjectionInput>;

/** Objections allowed per visitor address per hour: enough for a person, too few for a flood. */
export const OBJECTION_RATE_PER_IP = { limit: 5, windowSeconds: 3600 };

/** Who issues certificates and reports the list to the national body. */
export const ISSUING_OFFICE = '北京市科学家精神教育基地工作办公室';
