import {
  EMAIL_VERIFICATION_TTL_HOURS,
  INVITATION_TTL_DAYS,
  LOGIN_LINK_TTL_MINUTES,
  PASSWORD_RESET_TTL_MINUTES,
} from '@ssb/domain/accounts';
import type { DbOrTx } from '@ssb/db';
import { enqueueJob } from '../jobs/queue.ts';

const SIGNATURE = '\n\n科学家精神教育基地工作办公室';
const subject = (title: string) => `【科学家精神教育基地】${title}`;

/**
 * Account mail goes through the job queue: the request answers as fast whether or not a message
 * is sent, so timing does not tell which addresses have accounts.
 */
export function queueAuthMail(db: DbOrTx, to: string, title: string, text: string) {
  return enqueueJob(db, 'mail.send', { to, subject: subject(title), text: text + SIGNATURE });
}

export const authMails = {
  verification: (name: string, link: string) => ({
    title: '验证邮箱，完成注册',
    text: `${name}，您好：\n\n感谢注册。请在 ${EMAIL_VERIFICATION_TTL_HOURS} 小时内打开以下链接验证邮箱，验证后即可登录：\n${link}\n\n逾期未验证，注册信息将被删除，可重新注册。如果不是您本人操作，请忽略本邮件。`,
  }),
  alreadyRegistered: (name: string, loginUrl: string, resetUrl: string) => ({
    title: '该邮箱已有账号',
    text: `${name}，您好：\n\n有人使用本邮箱申请注册，但本邮箱已有账号，未创建新账号。\n请直接登录：${loginUrl}\n如忘记密码，可在此找回：${resetUrl}\n\n如需以本账号加入其他单位，请联系该单位已有用户或工作办公室邀请。如果不是您本人操作，请忽略本邮件。`,
  }),
  passwordReset: (name: string, link: string) => ({
    title: '重置密码',
    text: `${name}，您好：\n\n请在 ${PASSWORD_RESET_TTL_MINUTES} 分钟内打开以下链接设置新密码：\n${link}\n\n如果不是您本人操作，请忽略本邮件，您的密码不会改变。`,
  }),
  loginLink: (name: string, link: string) => ({
    title: '一次性登录链接',
    text: `${name}，您好：\n\n请在 ${LOGIN_LINK_TTL_MINUTES} 分钟内打开以下链接登录（仅可使用一次）：\n${link}\n\n如果不是您本人操作，请忽略本邮件；若您的账号因他人多次输错密码被锁定，此链接仍可让您登录。`,
  }),
  invitation: (name: string, organization: string, role: string, link: string) => ({
    title: '账号邀请',
    text: `${name}，您好：\n\n工作办公室邀请您以“${role}”身份加入“${organization}”。请在 ${INVITATION_TTL_DAYS} 天内打开以下链接设置密码：\n${link}`,
  }),
  roleGrant: (name: string, organization: string, role: string, link: string) => ({
    title: '角色邀请，请登录后接受',
    text: `${name}，您好：\n\n工作办公室邀请您以“${role}”身份加入“${organization}”。请在 ${INVITATION_TTL_DAYS} 天内打开以下链接，用本邮箱的账号登录后点击“接受邀请”，接受后才获得该角色：\n${link}\n\n如果您不认识此单位，请不要接受，并告知工作办公室。`,
  }),
};
