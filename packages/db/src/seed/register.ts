import { makeUscc } from '@ssb/domain/uscc';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { baseStatusEvents, bases, campaigns, organizations } from '../schema/index.ts';
import { seedOrganization } from './factories.ts';

const WEEKDAYS_TUE_SUN = [2, 3, 4, 5, 6, 7];
const hours = (days: number[], opens: string, closes: string) => days.map((weekday) => ({ weekday, opens, closes }));

/**
 * Six fictional bases of the 2022 batch, so that the shared-resource platform has bases to show; their
 * 2022 nominations, review, notice and decisions follow in `demo-2022.ts`. Nothing of the open demo
 * campaign is named: that path is for the visitor to walk.
 */
const DEMO_BASES = [
  {
    unit: '西山地质调查旧址陈列馆（演示）',
    name: '西山地质调查旧址陈列馆（演示）',
    category: '科技类人物纪念馆和故居',
    districtCode: '110109',
    introduction: '陈列馆设于上世纪二十年代地质调查所野外工作站旧址，以实物、手稿和影像讲述中国第一代地质学家翻山越岭、为国寻矿的故事，常设“踏遍青山”主题展。',
    address: '北京市门头沟区西山示例路8号',
    openingHours: hours(WEEKDAYS_TUE_SUN, '09:00', '16:30'),
    bookingInfo: '团体参观请提前 3 个工作日电话预约；中小学生团体免费，配讲解员。',
    phone: '010-69800001',
    scientists: ['丁文江', '翁文灏', '李四光'],
  },
  {
    unit: '京北航天精神展馆（演示）',
    name: '京北航天精神展馆（演示）',
    category: '重大科技工程纪念馆（遗迹）',
    districtCode: '110114',
    introduction: '展馆复原了早期火箭发动机试车台和总装车间，展出试验记录本、计算尺等原始实物两百余件，讲述航天人“自力更生、艰苦奋斗”的创业历程。',
    address: '北京市昌平区航天示例大道21号',
    openingHours: hours([3, 4, 5, 6, 7], '09:30', '16:00'),
    bookingInfo: '个人参观通过微信公众号实名预约；学校团体可预约“小小航天员”研学课程。',
    phone: '010-69800002',
    scientists: ['钱学森', '任新民', '孙家栋'],
  },
  {
    unit: '中关村青少年科技馆（演示）',
    name: '中关村青少年科技馆（演示）',
    category: '科技馆',
    districtCode: '110108',
    introduction: '以“科学家的少年时代”为线索，设互动展区和科学家故事剧场，每周末开展“与科学家面对面”活动，面向中小学生常态化开放。',
    address: '北京市海淀区中关村示例街3号',
    openingHours: hours(WEEKDAYS_TUE_SUN, '09:00', '17:00'),
    bookingInfo: '免费开放，周末及节假日需在官网预约入馆时段。',
    phone: '010-69800003',
    scientists: ['华罗庚', '王淦昌', '黄大年'],
  },
  {
    unit: '京东农业科学研究院（演示）',
    name: '京东农业科学家精神教育馆（演示）',
    category: '科研院所',
    districtCode: '110112',
    introduction: '依托研究院试验田和育种实验室，展示几代农业科学家扎根田间、培育良种的历程，设有种子标本馆和田间课堂。',
    address: '北京市通州区农科示例路66号',
    openingHours: hours([2, 3, 4, 5, 6], '08:30', '16:30'),
    bookingInfo: '田间课堂每年 4–10 月开放，请提前一周邮件预约。',
    phone: '010-69800004',
    scientists: ['袁隆平', '李振声'],
  },
  {
    unit: '北京市示例第一中学（演示）',
    name: '示例一中科学家校友馆（演示）',
    category: '学校',
    districtCode: '110101',
    introduction: '学校百年校史中走出多位院士校友，校友馆以书信、笔记和毕业照讲述他们求学报国的故事，并向周边学校开放参观。',
    address: '北京市东城区示例胡同12号',
    openingHours: hours([6], '09:00', '12:00'),
    bookingInfo: '周六上午对外开放；工作日仅接待预约的学校团体。',
    phone: '010-69800005',
    scientists: ['钱三强', '邓稼先'],
  },
  {
    unit: '京南新材料科技有限公司（演示）',
    name: '京南新材料创新精神展厅（演示）',
    category: '科技企业',
    districtCode: '110199',
    introduction: '企业展厅以研发团队攻克关键材料“卡脖子”难题的经历为主线，展出实验原始记录和样品，设有青少年开放实验室。',
    address: '北京经济技术开发区示例大街100号',
    openingHours: hours([2, 4], '14:00', '17:00'),
    bookingInfo: '每周二、四下午接待预约团体，每次不超过 40 人。',
    phone: '010-69800006',
    scientists: ['师昌绪'],
  },
] as const;

const DAY_MS = 86400_000;
const beijingDay = (at: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(at));

/** The closures base@'s base announces: a works closure soon, and the next National Day week. */
function demoClosures(now: number) {
  const today = beijingDay(now);
  const year = Number(today.slice(0, 4));
  const nationalDay = today > `${year}-10-07` ? year + 1 : year;
  return [
    { startsOn: beijingDay(now + 20 * DAY_MS), endsOn: beijingDay(now + 22 * DAY_MS), note: '展厅改陈，暂停开放（演示）' },
    { startsOn: `${nationalDay}-10-01`, endsOn: `${nationalDay}-10-07`, note: '国庆假期闭馆' },
  ].sort((a, b) => a.startsOn.localeCompare(b.startsOn));
}

export async function seedDemoBases(db: DbOrTx, now = Date.now()) {
  const [campaign] = await db.select().from(campaigns).where(eq(campaigns.year, 2022));
  if (!campaign) return [];
  const created = [];
  for (const [i, spec] of DEMO_BASES.entries()) {
    const number = `京科精基地-2022-${String(i + 1).padStart(3, '0')}`;
    if ((await db.select({ id: bases.id }).from(bases).where(eq(bases.number, number))).length) continue;
    let [organization] = await db.select().from(organizations).where(eq(organizations.name, spec.unit));
    organization ??= await seedOrganization(db, {
      name: spec.unit,
      uscc: makeUscc(710000 + i, '12110000'),
      type: spec.category === '学校' ? 'school' : spec.category === '科技企业' ? 'enterprise' : spec.category === '科研院所' ? 'research_institute' : 'museum',
      districtCode: spec.districtCode,
      address: spec.address,
      contactName: '演示联系人',
      contactPhone: spec.phone,
      contactEmail: `base${i + 1}@demo.ssb.local`,
      isDemo: true,
    });
    const isRectifying = i === 4;
    const [base] = await db
      .insert(bases)
      .values({
        number,
        organizationId: organization.id,
        name: spec.name,
        batchYear: 2022,
        category: spec.category,
        districtCode: spec.districtCode,
        namedOn: '2022-05-30',
        validUntil: '2027-05-29',
        status: isRectifying ? 'rectification' : 'active',
        statusNote: isRectifying ? '2023 年度考核结果：限期整改。讲解队伍不足，展陈更新滞后' : null,
        introduction: spec.introduction,
        address: spec.address,
        openingHours: [...spec.openingHours],
        closures: i === 0 ? demoClosures(now) : [],
        bookingInfo: spec.bookingInfo,
        phone: spec.phone,
        scientists: [...spec.scientists],
        isDemo: true,
      })
      .returning();
    await db.insert(baseStatusEvents).values({ baseId: base!.id, fromStatus: null, toStatus: 'active', reason: `命名（${number}）`, at: new Date('2022-05-30T02:00:00Z') });
    if (isRectifying) {
      await db.insert(baseStatusEvents).values({ baseId: base!.id, fromStatus: 'active', toStatus: 'rectification', reason: base!.statusNote, at: new Date('2024-11-15T02:00:00Z') });
    }
    created.push(base!);
  }
  return created;
}
