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
export const EMAIL_VERIFICATION_TTL_HOURS = 48;
export const LOGIN_LINK_TTL_MINUTES = 15;
export const INVITATION_TTL_DAYS = 7;

/** What the account forms say about a field; each has its English under the same key in the apps. */
export const ACCOUNT_FIELD_MESSAGES = {
  email: '请输入有效的电子邮箱',
  mobile: '请输入11位手机号码',
  phone: '请输入有效的电话号码，如 010-84650077 或 13800000000',
  personName: '请输入姓名',
  organizationName: '请输入单位名称',
  organizationType: '请选择单位类型',
  district: '请选择所在区',
  address: '请输入详细地址',
  password: '请输入密码',
  postcode: '请输入6位北京邮政编码，如 100000',
} as const;

export const ZEmail = z.email({ error: ACCOUNT_FIELD_MESSAGES.email }).trim().toLowerCase().max(200);

/** Passwords that lists of leaked passwords start with; compared without case, digits and symbols stripped at the ends. */
const COMMON_PASSWORDS = new Set([
  'password', 'passw0rd', 'password1', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'iloveyou', 'admin', 'administrator',
  'welcome', 'letmein', 'abc', 'abcd', 'abcde', 'qazwsx', 'qweasd', 'woaini', 'aini', 'zhang', 'wang', 'li', 'liu', 'chen',
  'beijing', 'china', 'baidu', 'taobao', 'monkey', 'dragon', 'football', 'master', 'superman', 'test', 'guest', 'root', 'user',
]);
const SEQUENCES = ['0123456789012', '9876543210987', 'abcdefghijklmnopqrstuvwxyz', 'zyxwvutsrqponmlkjihgfedcba', 'qwertyuiopasdfghjklzxcvbnm'];

export const PASSWORD_MESSAGES = {
  short: `密码至少 ${PASSWORD_MIN_LENGTH} 位`,
  long: '密码过长',
  mix: '密码须同时包含字母和数字',
  repeated: '密码不能由一两个字符反复组成（如 aaaaaaaaaa）',
  sequence: '密码不能是连续的数字或字母（如 1234567890、abcdefghij）',
  common: '该密码过于常见，容易被猜到，请换一个',
  email: '密码不能包含邮箱名',
} as const;
export type PasswordProblem = keyof typeof PASSWORD_MESSAGES;

/** Why a password is too weak, or null. The email, when known, must not be part of it. */
export function findPasswordProblem(password: string, email?: string): PasswordProblem | null {
  if (password.length < PASSWORD_MIN_LENGTH) return 'short';
  if (password.length > 200) return 'long';
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 2) return 'repeated';
  const core = lower.replace(/[^a-z0-9]/g, '');
  const word = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if ([core, word.replace(/[^a-z0-9]/g, '')].some((c) => c.length >= 8 && SEQUENCES.some((s) => s.includes(c)))) return 'sequence';
  if (COMMON_PASSWORDS.has(word) || COMMON_PASSWORDS.has(core)) return 'common';
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'email';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'mix';
  return null;
}

export const ZPassword = z
  .string()
  .max(200, { error: PASSWORD_MESSAGES.long })
  .superRefine((value, ctx) => {
    const problem = findPasswordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: PASSWORD_MESSAGES[problem] });
  });

/** The same rule, told the account's email so the password cannot be its name. */
export function passwordProblemMessage(password: string, email: string) {
  const problem = findPasswordProblem(password, email);
  return problem ? PASSWORD_MESSAGES[problem] : null;
}

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
  .refine(isMobilePhone, { error: ACCOUNT_FIELD_MESSAGES.mobile });
export const ZPhone = z
  .string()
  .trim()
  .refine(isPhoneNumber, { error: ACCOUNT_FIELD_MESSAGES.phone });

export const ZPersonName = z.string().trim().min(2, { error: ACCOUNT_FIELD_MESSAGES.personName }).max(50);

export const ZOrganizationInput = z.object({
  name: z.string().trim().min(2, { error: ACCOUNT_FIELD_MESSAGES.organizationName }).max(100),
  uscc: ZUscc,
  type: z.enum(ORGANIZATION_TYPES, { error: ACCOUNT_FIELD_MESSAGES.organizationType }),
  districtCode: z.enum(DISTRICT_CODES, { error: ACCOUNT_FIELD_MESSAGES.district }),
  address: z.string().trim().min(4, { error: ACCOUNT_FIELD_MESSAGES.address }).max(200),
  contactName: ZPersonName,
  contactPhone: ZPhone,
  contactEmail: ZEmail,
});
export type TOrganizationInput = z.infer<typeof ZOrganizationInput>;

export const ZRegisterInput = z.object({
  organization: ZOrganizationInput,
  user: z
    .object({
      name: ZPersonName,
      email: ZEmail,
      mobile: ZMobile,
      password: ZPassword,
    })
    .superRefine((user, ctx) => {
      if (findPasswordProblem(user.password, user.email) === 'email') ctx.addIssue({ code: 'custom', path: ['password'], message: PASSWORD_MESSAGES.email });
    }),
});
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string().min(1, { error: ACCOUNT_FIELD_MESSAGES.password }).max(200),
});

export const ZRequestPasswordResetInput = z.object({ email: ZEmail });
export const ZResetPasswordInput = z.object({
  token: z.string().min(20, { error: '链接不完整，请从邮件中复制完整的链接' }).max(200),
  password: ZPassword,
});

export const ZInviteUserInput = z.object({
  email: ZEmail,
  name: ZPersonName,
  organizationId: z.uuid(),
  role: z.enum(ROLES),
});
export type TInviteUserInput = z.infer<typeof ZInviteUserInput>;

export const ZToken = z.string().min(20, { error: '链接不完整，请从邮件中复制完整的链接' }).max(200);

export const ZAcceptInvitationInput = z.object({
  token: ZToken,
  password: ZPassword,
  mobile: ZMobile.optional(),
});

export const ZTokenInput = z.object({ token: ZToken });
export const ZEmailInput = z.object({ email: ZEmail });

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1, { error: '请输入当前密码' }).max(200),
  newPassword: ZPassword,
});

/** A unit whose credit code is already registered asks the office to sort it out. */
export const ZUsccClaimInput = z.object({
  uscc: ZUscc,
  organizationName: z.string().trim().min(2, { error: ACCOUNT_FIELD_MESSAGES.organizationName }).max(100),
  name: ZPersonName,
  email: ZEmail,
  mobile: ZMobile,
  message: z.string().trim().max(500, { error: '说明不超过 500 字' }).default(''),
});

export const ZGrantRoleInput = z.object({
  userId: z.uuid(),
  organizationId: z.uuid(),
  role: z.enum(ROLES),
});
