/** The six elements of the scientist spirit (科学家精神). */
export const SPIRIT_ELEMENTS = [
  { key: 'patriotism', zh: '爱国', en: 'Patriotism' },
  { key: 'innovation', zh: '创新', en: 'Innovation' },
  { key: 'truth_seeking', zh: '求实', en: 'Truth-seeking' },
  { key: 'dedication', zh: '奉献', en: 'Dedication' },
  { key: 'collaboration', zh: '协同', en: 'Collaboration' },
  { key: 'nurturing', zh: '育人', en: 'Nurturing people' },
] as const;

export const BASE_CATEGORIES = [
  '科技馆',
  '重要科研设施（机构和平台）',
  '重大科技工程纪念馆（遗迹）',
  '科技类人物纪念馆和故居',
  '科研院所',
  '学校',
  '科技企业',
  '其他',
] as const;

export type BaseCategory = (typeof BASE_CATEGORIES)[number];

/** The categories' names in both languages; the Chinese name is what is stored. */
export const BASE_CATEGORY_LABELS: Record<BaseCategory, { zh: string; en: string }> = {
  科技馆: { zh: '科技馆', en: 'Science and technology museum' },
  '重要科研设施（机构和平台）': { zh: '重要科研设施（机构和平台）', en: 'Major research facility (institution or platform)' },
  '重大科技工程纪念馆（遗迹）': { zh: '重大科技工程纪念馆（遗迹）', en: 'Memorial hall or site of a major science and engineering project' },
  科技类人物纪念馆和故居: { zh: '科技类人物纪念馆和故居', en: "Memorial hall or former residence of a scientist" },
  科研院所: { zh: '科研院所', en: 'Research institute' },
  学校: { zh: '学校', en: 'School or university' },
  科技企业: { zh: '科技企业', en: 'Technology company' },
  其他: { zh: '其他', en: 'Other' },
};
