export const ROLES = [
  'applicant',
  'recommender',
  'office',
  'expert',
  'base_manager',
  'alliance_coordinator',
  'funding_reviewer',
  'sysadmin',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  applicant: { zh: '申报单位', en: 'Applicant unit' },
  recommender: { zh: '推荐单位', en: 'Recommending body' },
  office: { zh: '工作办公室', en: 'Programme office' },
  expert: { zh: '评审专家', en: 'Expert reviewer' },
  base_manager: { zh: '基地管理员', en: 'Base manager' },
  alliance_coordinator: { zh: '联盟协调人', en: 'Alliance coordinator' },
  funding_reviewer: { zh: '专项工作组', en: 'Funding reviewer' },
  sysadmin: { zh: '系统管理员', en: 'System administrator' },
};

/** Which app each role works in: the login page sends a user to the first that fits. */
export const ROLE_HOME_APP: Record<Role, 'portal' | 'admin' | 'platform'> = {
  applicant: 'portal',
  recommender: 'portal',
  base_manager: 'portal',
  alliance_coordinator: 'portal',
  office: 'admin',
  expert: 'admin',
  funding_reviewer: 'admin',
  sysadmin: 'admin',
};

/** Roles the office may grant; sysadmin is granted only by a sysadmin. */
export const OFFICE_GRANTABLE_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'sysadmin');

/** The roles that run the programme and see every organization's data. */
export const OFFICE_ROLES = ['office', 'sysadmin'] as const satisfies readonly Role[];
export const isOfficeRole = (role: string) => (OFFICE_ROLES as readonly string[]).includes(role);

export const ROLE_GRANT_MESSAGES = {
  notYours: '您无权授予该角色',
  ownOfficeRole: '不能撤销自己的管理角色，请由其他管理员操作',
} as const;

type RoleActor = { id: string; roles: readonly string[] };

/** The office grants every role but sysadmin; only a sysadmin makes another. */
export const mayGrantRole = (actor: RoleActor, role: Role) =>
  actor.roles.includes('sysadmin') || (actor.roles.includes('office') && OFFICE_GRANTABLE_ROLES.includes(role));

/** Why the actor may not take this role away from that user, or null when they may (nobody revokes their own office role). */
export function revokeRefusal(actor: RoleActor, grant: { userId: string; role: Role }): string | null {
  if (!mayGrantRole(actor, grant.role)) return ROLE_GRANT_MESSAGES.notYours;
  if (actor.id === grant.userId && isOfficeRole(grant.role)) return ROLE_GRANT_MESSAGES.ownOfficeRole;
  return null;
}
