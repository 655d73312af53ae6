/** How often anonymous callers may trigger work that hashes a password or sends mail. */
const HOUR = 3600;
export const AUTH_LIMITS = {
  registerPerIp: { limit: 10, windowSeconds: HOUR },
  registerPerEmail: { limit: 3, windowSeconds: HOUR },
  resetRequestPerIp: { limit: 20, windowSeconds: HOUR },
  resetRequestPerEmail: { limit: 3, windowSeconds: HOUR },
  tokenUsePerIp: { limit: 30, windowSeconds: HOUR },
  tokenUsePerToken: { limit: 5, windowSeconds: HOUR },
  mailLinkPerIp: { limit: 20, windowSeconds: HOUR },
  mailLinkPerEmail: { limit: 3, windowSeconds: HOUR },
  changePasswordPerUser: { limit: 10, windowSeconds: HOUR },
  usccClaimPerIp: { limit: 5, windowSeconds: HOUR },
} as const;

/** Rate-limit keys name the kind of work, so one kind never uses up another's budget. */
export const limitKey = (kind: string, subject: string) => `${kind}:${subject}`;
