import { z } from 'zod';
import { DISTRICT_CODES } from './districts.ts';
import { ORGANIZATION_TYPES } from './organizations.ts';
import { isMobilePhone, isPhoneNumber } from './phone.ts';
import { ROLES } from './roles.ts';
import { findUsccProblem, USCC_MESSAGES } from './uscc.ts';

export const PASSWORD_MIN_LENGTH = 10;
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCKOUT_MINUTES = 15;
export const SESSION_TTL_HOURS = 12;
export const PASSWORD_RESET_TTL_MINUTES = 60;

export const ZEmail = z.email({ error: '请输入有效的电子邮箱' }).trim().toLowerCase().max(200);

export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { error: `密码至少 ${PASSWORD_MIN_LENGTH} 位` })
  .max(200, { error: '密码过长' })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: '密码须同时包含字母和数字' });

export const ZUscc = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = findUsccProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: USCC_MESSAGES[problem] });
  });

export const ZMobile = z
  .string()
  .trim()
  .refine(isMobilePhone, { error: '请输入11位手机号码' });
export const ZPhone = z
  .string()
  .trim()
  .refine(isPhoneNumber, { error: '请输入有效的电话号码，如 010-84650077 或 13800000000' });

export const ZPersonName = z.string().trim().min(2, { error: '请输入姓名' }).max(50);

export const ZOrganizationInput = z.object({
  name: z.string().trim().min(2, { error: '请输入单位名称' }).max(100),
  uscc: ZUscc,
  type: z.enum(ORGANIZATION_TYPES, { error: '请选择单位类型' }),
  districtCode: z.enum(DISTRICT_CODES, { error: '请选择所在区' }),
  address: z.string().trim().min(4, { error: '请输入详细地址' }).max(200),
  contactName: ZPersonName,
  contactPhone: ZPhone,
  contactEmail: ZEmail,
});
export type TOrganizationInput = z.infer<typeof ZOrganizationInput>;

export const ZRegisterInput = z.object({
  organization: ZOrganizationInput,
  user: z.object({
    name: ZPersonName,
    email: ZEmail,
    mobile: ZMobile,
    password: ZPassword,
  }),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string().min(1, { error: '请输入密码' }).max(200),
});

export const ZRequestPasswordResetInput = z.object({ email: ZEmail });
export const ZResetPasswordInput = z.object({
  token: z.string().min(20).max(200),
  password: ZPassword,
});

export const ZInviteUserInput = z.object({
  email: ZEmail,
  name: ZPersonName,
  organizationId: z.uuid(),
  role: z.enum(ROLES),
});
export type TInviteUserInput = z.infer<typeof ZInviteUserInput>;

export const ZAcceptInvitationInput = z.object({
  token: z.string().min(20).max(200),
  password: ZPassword,
  mobile: ZMobile.optional(),
});

export const ZGrantRoleInput = z.object({
  userId: z.uuid(),
  organizationId: z.uuid(),
  role: z.enum(ROLES),
});
