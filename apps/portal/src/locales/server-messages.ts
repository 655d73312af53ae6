import { LOGIN_LOCKOUT_MINUTES, PASSWORD_MESSAGES, PASSWORD_MIN_LENGTH } from '@ssb/domain/accounts';
import { USCC_MESSAGES } from '@ssb/domain/uscc';

/**
 * The shared rules and the server speak Chinese. For the English interface each known message
 * maps to a key under `portal.serverMessages`; an unknown one is shown as it is.
 */
export const SERVER_MESSAGE_KEYS: Record<string, string> = {
  请输入有效的电子邮箱: 'invalidEmail',
  [`密码至少 ${PASSWORD_MIN_LENGTH} 位`]: 'passwordTooShort',
  密码过长: 'passwordTooLong',
  密码须同时包含字母和数字: 'passwordLettersAndDigits',
  请输入密码: 'passwordRequired',
  [USCC_MESSAGES.length]: 'usccLength',
  [USCC_MESSAGES.characters]: 'usccCharacters',
  [USCC_MESSAGES.check]: 'usccCheck',
  请输入11位手机号码: 'mobile',
  '请输入有效的电话号码，如 010-84650077 或 13800000000': 'phone',
  请输入姓名: 'personName',
  请输入单位名称: 'organizationName',
  请选择单位类型: 'organizationType',
  请选择所在区: 'district',
  '请输入6位北京邮政编码，如 100000': 'postcode',
  请输入详细地址: 'address',
  '提交的内容有误，请按提示修改': 'inputRejected',
  '该统一社会信用代码已注册。如需加入该单位，请联系单位已有用户邀请；如认为被他人冒用，可提交核实申请由工作办公室处理': 'usccTaken',
  [PASSWORD_MESSAGES.email]: 'emailInPassword',
  [PASSWORD_MESSAGES.repeated]: 'passwordRepeated',
  [PASSWORD_MESSAGES.sequence]: 'passwordSequence',
  [PASSWORD_MESSAGES.common]: 'passwordCommon',
  '操作过于频繁，请稍后再试': 'tooManyRequests',
  '该邮箱尚未验证。我们已重新发送验证邮件，请打开邮件中的链接完成验证': 'accountUnverified',
  当前密码不正确: 'wrongCurrentPassword',
  新密码不能与当前密码相同: 'samePassword',
  '此邀请发给了另一个邮箱的账号。请退出后，用收到邀请邮件的邮箱登录再接受': 'notYourInvitation',
  '该邮箱已注册，请直接登录或找回密码': 'emailTaken',
  '链接无效或已过期，请重新申请': 'linkInvalid',
  请先登录: 'signInFirst',
  您没有执行此操作的权限: 'forbidden',
  邮箱或密码不正确: 'loginInvalid',
  [`连续登录失败次数过多，已暂停从此网络登录该账号 ${LOGIN_LOCKOUT_MINUTES} 分钟。可通过邮件获取一次性登录链接，或重置密码`]: 'loginLocked',
  '登录尝试过于频繁，请稍后再试': 'loginRateLimited',
  '该账号已停用，请联系工作办公室': 'accountDisabled',
  '网络连接失败，请检查网络后重试': 'network',
  '操作失败，请稍后重试': 'failed',
};

export const SERVER_MESSAGE_PARAMS = { minLength: PASSWORD_MIN_LENGTH, lockoutMinutes: LOGIN_LOCKOUT_MINUTES };
