export const ORGANIZATION_TYPES = [
  'museum',
  'research_institute',
  'university',
  'school',
  'enterprise',
  'society',
  'government',
  'other',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, string> = {
  museum: '科技馆 / 纪念馆',
  research_institute: '科研院所',
  university: '高等院校',
  school: '中小学校',
  enterprise: '企业',
  society: '学会 / 社会组织',
  government: '机关 / 事业单位',
  other: '其他',
};

/** The kinds of recommending body in the notice, with their quota per campaign. */
export const RECOMMENDER_KINDS = ['municipal', 'district', 'society', 'grassroots', 'cas'] as const;
export type RecommenderKind = (typeof RECOMMENDER_KINDS)[number];

export const DEFAULT_QUOTA: Record<RecommenderKind, { min: number; max: number }> = {
  municipal: { min: 0, max: 3 },
  district: { min: 1, max: 2 },
  society: { min: 0, max: 1 },
  grassroots: { min: 0, max: 1 },
  cas: { min: 0, max: 3 },
};

export const RECOMMENDER_KIND_LABELS: Record<RecommenderKind, string> = {
  municipal: '市级组织单位',
  district: '区科协',
  society: '市学会',
  grassroots: '基层组织',
  cas: '中科院科学传播局',
};
