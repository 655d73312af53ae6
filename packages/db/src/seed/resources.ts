import type { AUDIENCES, ResourceType } from '@ssb/domain/bases';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { bases, memberships, resources, searchOutbox, users } from '../schema/index.ts';
import { DEMO_PASSWORD } from './demo.ts';
import { seedUser } from './factories.ts';

type Audience = (typeof AUDIENCES)[number];
type DemoResource = {
  type: ResourceType;
  title: string;
  html: string;
  scientists: string[];
  elements: string[];
  audiences: Audience[];
  lendingTerms?: string;
  /** The longest booking the terms state, in days. */
  maxDays?: number;
  status?: 'draft' | 'published' | 'archived';
};

/** Plausible, fictional items: every title says （演示） and every row is isDemo. */
const DEMO_RESOURCES: DemoResource[] = [
  { type: 'exhibit', title: '地质罗盘与野外记录本（演示）', html: '<p>一套仿制的<strong>地质罗盘</strong>与野外记录本，再现二十世纪五十年代地质调查队员在西山一带测量岩层产状的工作方式。</p><p>配有讲解卡片，适合在展厅或学校科学周展出。</p>', scientists: ['李四光'], elements: ['truth_seeking', 'dedication'], audiences: ['secondary', 'public'], lendingTerms: '借用方负责往返运输与保险；展期不超过 30 天；需安排专人看护。', maxDays: 30 },
  { type: 'exhibit', title: '折射望远镜与星图观测记录（演示）', html: '<p>一架仿制的早期<strong>折射望远镜</strong>和手绘星图、观测记录本，介绍天文学家发现小行星、编制星表的工作。</p><p>可配合夜间观星活动展出。</p>', scientists: ['张钰哲'], elements: ['truth_seeking', 'innovation'], audiences: ['primary', 'secondary', 'public'], lendingTerms: '借用方负责往返运输与保险；展期不超过 30 天；镜筒需平放运输。' },
  { type: 'touring_exhibition', title: '“两弹一星”精神巡展（演示）', html: '<p>由 24 块展板和 6 件复制展品组成的巡展，讲述科研人员隐姓埋名、艰苦奋斗的故事。</p><ul><li>展板尺寸 80×180 厘米</li><li>布展约需 4 小时</li></ul>', scientists: ['钱学森', '邓稼先', '钱三强'], elements: ['patriotism', 'dedication', 'collaboration'], audiences: ['secondary', 'university', 'public'], lendingTerms: '巡展免费出借，借用方承担运输与布展人员食宿；每次展期 2–4 周。', maxDays: 28 },
  { type: 'lecture', title: '从“人造地球卫星”到“天问”：航天科学家的故事（演示）', html: '<p>面向中学生的 45 分钟讲座，由基地讲解员主讲，穿插实物模型与互动问答。</p>', scientists: ['钱学森', '赵九章'], elements: ['patriotism', 'innovation'], audiences: ['secondary', 'teachers'], lendingTerms: '可到校开讲，每学期限 6 场；请提前两周预约。' },
  { type: 'course', title: '跟着科学家做实验：材料的力学性能（演示）', html: '<p>四课时的研学课程：认识材料、动手拉伸试验、记录数据并讨论误差。</p><p>配套学习单与教师指导手册。</p>', scientists: ['师昌绪'], elements: ['truth_seeking', 'nurturing'], audiences: ['secondary'], lendingTerms: '课程包（含实验器材 10 套）可借用 2 周。', maxDays: 14 },
  { type: 'video', title: '科学家手稿里的故事（演示）', html: '<p>十集微视频，每集 5 分钟，从一页手稿讲起，介绍科学家严谨求实的治学态度。</p>', scientists: ['华罗庚', '竺可桢'], elements: ['truth_seeking'], audiences: ['public', 'university'] },
  { type: 'publication', title: '《科学家精神读本》中学版（演示）', html: '<p>面向中学生的读本，收录 20 位科学家的成长故事与思考题。</p>', scientists: ['钱学森', '袁隆平', '屠呦呦'], elements: ['patriotism', 'innovation', 'nurturing'], audiences: ['secondary', 'teachers'] },
  { type: 'online', title: '旧址三维漫游（演示）', html: '<p>通过浏览器即可参观的三维展厅，支持 VR 眼镜，包含语音讲解与展品细节放大。</p>', scientists: ['李四光'], elements: ['innovation'], audiences: ['public', 'primary', 'secondary'] },
  { type: 'exhibit', title: '早期电子计算机运算器模型（演示）', html: '<p>按比例复制的电子管运算器模型，可演示二进制加法的运算过程。</p>', scientists: ['夏培肃'], elements: ['innovation', 'collaboration'], audiences: ['secondary', 'university'], lendingTerms: '模型需恒温干燥环境展出；借用期不超过 20 天。', maxDays: 20 },
  { type: 'lecture', title: '青蒿素的发现：一次科研协作（演示）', html: '<p>讲述多家单位协同攻关的历程，讨论科学研究中的合作与坚持。</p>', scientists: ['屠呦呦'], elements: ['collaboration', 'dedication'], audiences: ['university', 'science_workers'], lendingTerms: '可线上或到场开讲，请提前 10 天预约。' },
  { type: 'course', title: '小小气象员：观天测风（演示）', html: '<p>面向小学高年级的三课时课程：制作简易风向标、记录一周天气、认识物候。</p>', scientists: ['竺可桢'], elements: ['truth_seeking', 'nurturing'], audiences: ['primary', 'teachers'] },
  { type: 'touring_exhibition', title: '杂交水稻的故事图片展（演示）', html: '<p>30 幅图片与 3 件稻种标本，展示育种科研的艰辛与成果。</p>', scientists: ['袁隆平'], elements: ['dedication', 'patriotism'], audiences: ['primary', 'secondary', 'public'], lendingTerms: '免费出借，借用方负责运输；展期 1–3 周。', maxDays: 21 },
  { type: 'video', title: '实验室的一天（演示）', html: '<p>纪实短片，跟随青年科研人员记录一天的实验工作，展现协同攻关的日常。</p>', scientists: [], elements: ['collaboration', 'innovation'], audiences: ['university', 'public'] },
  { type: 'exhibit', title: '数学家手稿复制件（演示）', html: '<p>精选手稿复制件 12 页，配有释读说明，展示数学研究的推演过程。</p>', scientists: ['华罗庚', '陈景润'], elements: ['truth_seeking', 'dedication'], audiences: ['secondary', 'university'], lendingTerms: '复制件可出借，需装框展示；展期不超过 30 天。', maxDays: 30 },
  { type: 'publication', title: '《基地研学活动设计指南》（演示）', html: '<p>为教师编写的研学活动设计指南，含 12 个活动方案与评价量表。</p>', scientists: [], elements: ['nurturing'], audiences: ['teachers'] },
  { type: 'lecture', title: '桥梁里的力学：一位工程师的求索（演示）', html: '<p>结合桥梁模型讲解结构力学的基本概念与工程师的责任担当。</p>', scientists: ['茅以升'], elements: ['patriotism', 'truth_seeking'], audiences: ['secondary', 'public'], lendingTerms: '可到校开讲，需投影设备；每月限 4 场。' },
  { type: 'online', title: '科学家故居线上展（演示）', html: '<p>线上图文展览，包含故居复原场景、书信和生活物件的高清图片。</p>', scientists: ['茅以升'], elements: ['patriotism'], audiences: ['public'] },
  { type: 'exhibit', title: '地震仪原理演示装置（演示）', html: '<p>可动手操作的地震仪原理装置，演示惯性摆记录地面振动的过程。</p>', scientists: ['李善邦'], elements: ['innovation', 'truth_seeking'], audiences: ['primary', 'secondary'], lendingTerms: '装置重约 40 公斤，借用方负责搬运；展期不超过 2 周。', maxDays: 14 },
  { type: 'course', title: '青少年科研方法入门（演示）', html: '<p>六课时课程：提出问题、设计实验、记录与分析数据、撰写简短报告。</p>', scientists: [], elements: ['truth_seeking', 'nurturing'], audiences: ['secondary'] },
  { type: 'video', title: '口述历史：老一辈地质队员（演示）', html: '<p>采访三位退休地质队员的口述历史视频，回忆野外调查的艰苦岁月。</p>', scientists: ['李四光'], elements: ['dedication'], audiences: ['public', 'science_workers'] },
  { type: 'touring_exhibition', title: '“追光者”青年科学家风采展（演示）', html: '<p>介绍青年科技工作者的科研故事，突出创新与协同。</p>', scientists: [], elements: ['innovation', 'collaboration'], audiences: ['university', 'science_workers'], lendingTerms: '展板 16 块，免费出借；展期 2 周。', maxDays: 14 },
  { type: 'lecture', title: '航天育种与太空实验（演示）', html: '<p>介绍太空环境下的生物实验与航天育种知识，配合种子标本展示。</p>', scientists: [], elements: ['innovation'], audiences: ['primary', 'secondary'], lendingTerms: '可线上开讲；到场开讲请提前两周预约。' },
  { type: 'publication', title: '《科学家书信选读》（演示）', html: '<p>选编科学家书信 40 封，附注释与导读。</p>', scientists: ['钱学森', '竺可桢'], elements: ['patriotism', 'nurturing'], audiences: ['university', 'teachers'] },
  { type: 'exhibit', title: '算盘与手摇计算器（演示）', html: '<p>一组计算工具实物，展示从算盘到手摇计算器再到电子计算机的演进。</p>', scientists: [], elements: ['innovation'], audiences: ['primary', 'public'], lendingTerms: '借用期不超过 30 天，需放置于展柜中。', maxDays: 30 },
  { type: 'online', title: '虚拟实验室：光的折射（演示）', html: '<p>浏览器中的交互式虚拟实验，学生可调整入射角并观察折射现象。</p>', scientists: [], elements: ['truth_seeking'], audiences: ['secondary'] },
  { type: 'course', title: '科学家精神主题班会课（演示）', html: '<p>一课时主题班会设计，含视频片段、讨论题与延伸阅读。</p>', scientists: ['邓稼先'], elements: ['patriotism', 'nurturing'], audiences: ['primary', 'secondary', 'teachers'] },
  { type: 'video', title: '一粒种子的旅程（演示）', html: '<p>动画短片，讲述科研团队多年培育新品种的过程。</p>', scientists: ['袁隆平'], elements: ['dedication', 'collaboration'], audiences: ['primary'] },
  { type: 'lecture', title: '科研诚信与学术规范（演示）', html: '<p>面向研究生与青年科技工作者的讲座，讨论科研诚信案例。</p>', scientists: [], elements: ['truth_seeking'], audiences: ['university', 'science_workers'], lendingTerms: '可到单位开讲，请提前三周预约。' },
  { type: 'exhibit', title: '冰川岩芯标本（演示）', html: '<p>科考采集的岩芯标本复制品，配有年代层解读说明。</p>', scientists: [], elements: ['truth_seeking', 'dedication'], audiences: ['secondary', 'public'], lendingTerms: '需低温展柜；借用期不超过 15 天。', status: 'draft', maxDays: 15 },
  { type: 'publication', title: '《基地展品图录》（演示）', html: '<p>收录基地主要展品图片与说明的图录。</p>', scientists: [], elements: ['nurturing'], audiences: ['public'], status: 'draft' },
  { type: 'touring_exhibition', title: '老照片里的科学往事（演示）', html: '<p>五十幅老照片，记录科研机构初创时期的工作场景。</p>', scientists: [], elements: ['patriotism', 'dedication'], audiences: ['public'], status: 'archived' },
];

const DEFAULT_HOURS = [2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '16:30' }));
const plain = (html: string) => html.replace(/<\/(p|li)>/g, '\n').replace(/<[^>]+>/g, '').trim();

/**
 * Links the demo base-manager accounts to demo bases, gives empty demo profiles plausible content,
 * and spreads the demo resources over the demo bases. Reads the bases from the database, so it
 * works whatever bases the register seed made; run it after that seed.
 */
export async function seedDemoResources(db: DbOrTx) {
  const demoBases = await db.select().from(bases).where(eq(bases.isDemo, true)).orderBy(asc(bases.number));
  if (demoBases.length === 0) return;

  // base@demo.ssb.local manages a demo base: if the register seed did not link one, take the first.
  const [baseAccount] = await db
    .select({ organizationId: memberships.organizationId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, 'base@demo.ssb.local'), eq(memberships.role, 'base_manager')));
  let first = baseAccount ? demoBases.find((b) => b.organizationId === baseAccount.organizationId) : undefined;
  if (baseAccount && !first) {
    first = demoBases[0]!;
    await db.update(bases).set({ organizationId: baseAccount.organizationId }).where(eq(bases.id, first.id));
    first = { ...first, organizationId: baseAccount.organizationId };
    demoBases[0] = first;
  }
  // A second base manager for another demo base, so that sharing between bases can be walked through.
  const second = demoBases.find((b) => b.organizationId !== first?.organizationId && b.status === 'active');
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'base2@demo.ssb.local'));
  if (second && !existing) {
    await seedUser(db, { email: 'base2@demo.ssb.local', name: '钱基地', password: DEMO_PASSWORD, roles: [{ organizationId: second.organizationId, role: 'base_manager' }] });
  }

  for (const base of demoBases) {
    if (base.introduction === '' && base.openingHours.length === 0) {
      await db
        .update(bases)
        .set({
          introduction: `${base.name}是用于演示的虚构基地，展示与科学家精神相关的展品、课程与讲座。本页内容均为演示数据，并非任何真实基地的记录。`,
          address: base.address || '北京市示例路 1 号（演示地址）',
          openingHours: DEFAULT_HOURS,
          bookingInfo: '团体参观请提前三个工作日通过电话预约；个人参观无需预约（演示）。',
        })
        .where(eq(bases.id, base.id));
    }
    await db.insert(searchOutbox).values({ entity: 'base', entityId: base.id });
  }

  const already = await db.select({ id: resources.id }).from(resources).where(inArray(resources.baseId, demoBases.map((b) => b.id))).limit(1);
  if (already.length > 0) return;
  const now = Date.now();
  for (const [i, item] of DEMO_RESOURCES.entries()) {
    // Consecutive items mix the types, so each base gets a run of different kinds.
    const base = demoBases[Math.floor((i * demoBases.length) / DEMO_RESOURCES.length)]!;
    const status = item.status ?? 'published';
    const [row] = await db
      .insert(resources)
      .values({
        baseId: base.id,
        type: item.type,
        title: item.title,
        descriptionHtml: item.html,
        descriptionText: plain(item.html),
        scientists: item.scientists,
        elements: item.elements,
        audiences: item.audiences,
        lendable: Boolean(item.lendingTerms),
        lendingTerms: item.lendingTerms ?? '',
        maxBookingDays: item.maxDays ?? null,
        status,
        isDemo: true,
        publishedAt: status === 'draft' ? null : new Date(now - (i + 1) * 86400_000),
      })
      .returning({ id: resources.id });
    await db.insert(searchOutbox).values({ entity: 'resource', entityId: row!.id });
  }
}

