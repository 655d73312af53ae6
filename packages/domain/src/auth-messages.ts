import { LOGIN_LOCKOUT_MINUTES } from './accounts.ts';

/** What sign-in, sign-up and account pages are told by the server, in one place for every language. */
export const AUTH_MESSAGES = {
  loginInvalid: '邮箱或密码不正确',
  loginLocked: `连续登录失败次数过多，已暂停从此网络登录该账号 ${LOGIN_LOCKOUT_MINUTES} 分钟。可通过邮件获取一次性登录链接，或重置密码`,
  loginRateLimited: '登录尝试过于频繁，请稍后再试',
  accountDisabled: '该账号已停用，请联系工作办公室',
  accountUnverified: '该邮箱尚未验证。我们已重新发送验证邮件，请打开邮件中的链接完成验证',
  linkInvalid: '链接无效或已过期，请重新申请',
  usccTaken: '该统一社会信用代码已注册。如需加入该单位，请联系单位已有用户邀请；如认为被他人冒用，可提交核实申请由工作办公室处理',
  emailTaken: '该邮箱已注册，请直接登录或找回密码',
  notYourInvitation: '此邀请发给了另一个邮箱的账号。请退出后，用收到邀请邮件的邮箱登录再接受',
  wrongCurrentPassword: '当前密码不正确',
  samePassword: '新密码不能与当前密码相同',
} as const;

/** What any request may be told whatever it asked: the transport's own refusals. */
export const GENERAL_MESSAGES = {
  inputRejected: '提交的内容有误，请按提示修改',
  tooManyRequests: '操作过于频繁，请稍后再试',
  signInFirst: '请先登录',
  forbidden: '您没有执行此操作的权限',
  network: '网络连接失败，请检查网络后重试',
  failed: '操作失败，请稍后重试',
} as const;
