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
