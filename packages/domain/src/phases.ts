/**
 * The phases of a campaign, in the order the notice gives them, and the one set of names every app
 * shows (the notice's words: 广泛动员, 组织推荐, 评审和命名, 宣传展示, with the office's intake check and 公示).
 */
export const PHASE_KEYS = ['application', 'recommendation', 'intake', 'review', 'public_notice', 'naming', 'publicity'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

type PhaseText = { name: string; description: string };
export const PHASE_LABELS: Record<PhaseKey, { zh: PhaseText; en: PhaseText }> = {
  application: {
    zh: { name: '动员申报', description: '各级层层发动，符合条件的机构和单位填写申报表，准备照片和视频材料。' },
    en: { name: 'Applications', description: 'Eligible organizations fill in the application form and prepare photos and videos.' },
  },
  recommendation: {
    zh: { name: '组织推荐', description: '推荐单位在名额内择优推荐，按时报送电子版和纸质材料。' },
    en: { name: 'Recommendation', description: 'Recommending bodies nominate within their quotas and send the files, electronic and on paper.' },
  },
  intake: {
    zh: { name: '形式审查', description: '工作办公室检查材料是否齐全、规范，必要时退回补正。' },
    en: { name: 'Intake check', description: 'The programme office checks that the files are complete and returns them for correction if needed.' },
  },
  review: {
    zh: { name: '专家评审', description: '组织专家评审，择优向中国科协推荐。' },
    en: { name: 'Expert review', description: 'Experts score the nominations; the best are recommended to CAST.' },
  },
  public_notice: {
    zh: { name: '公示', description: '公示拟命名名单，公示期内可提出异议。' },
    en: { name: 'Public notice', description: 'The shortlist is published; objections may be raised while it runs.' },
  },
  naming: {
    zh: { name: '命名', description: '公布命名名单，颁发证书和牌匾。' },
    en: { name: 'Naming', description: 'The named bases are announced and receive their certificates and plaques.' },
  },
  publicity: {
    zh: { name: '宣传展示', description: '入选基地面向科技工作者、社会公众特别是青少年开展学习教育活动。' },
    en: { name: 'Publicity and activities', description: 'Named bases hold activities for scientists, the public and above all young people.' },
  },
};

/** The phase names as vue-i18n messages (`phases.<key>.name`, `.description`), shared by every app. */
export const phaseMessages = (lang: 'zh' | 'en') =>
  Object.fromEntries(PHASE_KEYS.map((key) => [key, PHASE_LABELS[key][lang]])) as Record<PhaseKey, PhaseText>;
