import type { Audience } from '@ssb/domain/bases';
import type { EventKind } from '@ssb/domain/events';
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { baseEvents, bases } from '../schema/index.ts';

type DemoEvent = {
  /** Index into the demo bases in register order. */
  base: number;
  kind: EventKind;
  title: string;
  description: string;
  /** Days from today (Beijing) and wall-clock times, so that the demo always has upcoming events. */
  day: number;
  from: string;
  untilDay?: number;
  until: string;
  place: string;
  audiences: Audience[];
  capacity: number | null;
  bookingInfo: string;
  status?: 'draft' | 'published' | 'cancelled';
  cancelReason?: string;
};

/** Fictional events: every title says （演示） and every row is isDemo. */
const DEMO_EVENTS: DemoEvent[] = [
  { base: 0, kind: 'lecture', title: '踏遍青山：地质学家的野外故事（演示）', description: '讲解员结合野外记录本和地质罗盘复制件，讲述第一代地质学家翻山越岭、为国寻矿的经历。\n讲座后可参观“踏遍青山”主题展。', day: 5, from: '14:00', until: '15:30', place: '陈列馆一层报告厅', audiences: ['secondary', 'public'], capacity: 120, bookingInfo: '拨打 010-69800001 预约，额满即止；学校团体请注明人数。' },
  { base: 0, kind: 'study_tour', title: '跟着地质学家认岩石——西山研学一日行（演示）', description: '上午在陈列馆学习岩石与地层知识，下午沿旧址附近步道观察岩层、做野外记录。请穿运动鞋，自带午餐和饮水。', day: 12, from: '09:00', until: '16:00', place: '西山示例路 8 号陈列馆门前集合', audiences: ['secondary'], capacity: 40, bookingInfo: '由学校统一报名，每校不超过 10 人；报名邮箱 base1@demo.ssb.local。' },
  { base: 0, kind: 'exhibition', title: '地质图手稿特展（演示）', description: '展出二十世纪三十年代手绘地质图复制件 30 幅。', day: 8, from: '09:00', untilDay: 38, until: '16:30', place: '陈列馆二层临展厅', audiences: ['public'], capacity: null, bookingInfo: '随常设展参观，无需另行预约。', status: 'cancelled', cancelReason: '展厅检修，特展延期举办，新日期另行公布。' },
  { base: 0, kind: 'open_day', title: '国际博物馆日开放日（演示）', description: '全天免费开放，加开三场讲解。', day: -20, from: '09:00', until: '16:30', place: '西山地质调查旧址陈列馆', audiences: ['public', 'primary', 'secondary'], capacity: null, bookingInfo: '无需预约。' },
  { base: 0, kind: 'study_tour', title: '岩石标本鉴定工作坊（演示）', description: '在讲解员指导下用放大镜、小刀和稀盐酸鉴定常见岩石标本。', day: 33, from: '14:00', until: '16:00', place: '陈列馆研学教室', audiences: ['secondary', 'teachers'], capacity: 24, bookingInfo: '筹备中，报名方式待定。', status: 'draft' },
  { base: 1, kind: 'exhibition', title: '从试车台到发射场——航天精神专题展（演示）', description: '以试车台复原场景和两百余件原始实物，讲述航天人自力更生、艰苦奋斗的创业历程。', day: -10, from: '09:30', untilDay: 50, until: '16:00', place: '展馆一号展厅', audiences: ['primary', 'secondary', 'public'], capacity: null, bookingInfo: '通过微信公众号实名预约入馆时段。' },
  { base: 1, kind: 'study_tour', title: '小小航天员研学营（演示）', description: '一天的研学课程：认识火箭结构、动手制作水火箭、体验航天员训练项目。', day: 19, from: '09:30', until: '15:30', place: '展馆研学教室', audiences: ['primary'], capacity: 30, bookingInfo: '家长通过公众号报名，每位学生需一名家长陪同。' },
  { base: 2, kind: 'lecture', title: '与科学家面对面：数学之美（演示）', description: '邀请数学研究者讲述数学家的少年时代，并现场解答同学们的问题。', day: 3, from: '10:00', until: '11:30', place: '科学家故事剧场', audiences: ['primary', 'secondary'], capacity: 200, bookingInfo: '在官网预约入馆时段时勾选本场讲座。' },
  { base: 2, kind: 'open_day', title: '科学之夜开放日（演示）', description: '夜间开放互动展区，安排天文观测和科学实验表演。', day: 26, from: '18:00', until: '21:00', place: '中关村青少年科技馆', audiences: ['public'], capacity: null, bookingInfo: '免费入场，无需预约；20:30 停止入场。' },
  { base: 3, kind: 'study_tour', title: '田间课堂：一粒种子的旅程（演示）', description: '在试验田观察水稻生长，了解育种科学家的工作，并在种子标本馆完成学习单。', day: 9, from: '09:00', until: '12:00', place: '研究院试验田（农科示例路 66 号）', audiences: ['primary', 'teachers'], capacity: 45, bookingInfo: '请提前一周发邮件预约，注明学校、年级和人数。' },
  { base: 5, kind: 'open_day', title: '青少年开放实验室体验日（演示）', description: '在研发工程师指导下完成一次材料拉伸试验，了解团队攻克关键材料的故事。', day: 16, from: '14:00', until: '17:00', place: '企业展厅二层开放实验室', audiences: ['secondary'], capacity: 40, bookingInfo: '每周二、四接受团体预约，每次不超过 40 人。' },
  { base: 5, kind: 'lecture', title: '新材料里的科学家精神（演示）', description: '研发团队负责人讲述实验原始记录背后的故事。', day: 40, from: '14:30', until: '16:00', place: '企业展厅报告厅', audiences: ['university', 'science_workers'], capacity: 60, bookingInfo: '筹备中。', status: 'draft' },
];

const DAY = 86400_000;
/** "YYYY-MM-DD" of today + days on Beijing's calendar, and that day's wall-clock time as an instant. */
const beijingAt = (now: number, days: number, time: string) => {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now + days * DAY));
  return new Date(`${date}T${time}:00+08:00`);
};

/** Demo events of the demo bases; run after the register seed. Does nothing once the demo bases have events. */
export async function seedDemoEvents(db: DbOrTx, now = Date.now()) {
  const demoBases = await db.select({ id: bases.id }).from(bases).where(eq(bases.isDemo, true)).orderBy(asc(bases.number));
  if (demoBases.length === 0) return;
  const already = await db.select({ id: baseEvents.id }).from(baseEvents).where(inArray(baseEvents.baseId, demoBases.map((b) => b.id))).limit(1);
  if (already.length > 0) return;
  await db.insert(baseEvents).values(
    DEMO_EVENTS.map(({ base, day, from, untilDay, until, status = 'published', cancelReason, ...event }) => {
      const startsAt = beijingAt(now, day, from);
      const publishedAt = status === 'draft' ? null : new Date(Math.min(now, startsAt.getTime()) - 14 * DAY);
      return {
        ...event,
        baseId: demoBases[base % demoBases.length]!.id,
        startsAt,
        endsAt: beijingAt(now, untilDay ?? day, until),
        status,
        cancelReason: cancelReason ?? null,
        publishedAt,
        cancelledAt: status === 'cancelled' ? new Date(now - DAY) : null,
        isDemo: true,
      };
    }),
  );
}
