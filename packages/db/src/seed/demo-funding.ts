import { addDays, lineAmountFen, scaleLines, yuanToFen, type BudgetLine } from '@ssb/domain/funding';
import { withCriterionKeys } from '@ssb/domain/review-criteria';
import { weightedTotal } from '@ssb/domain/scoring';
import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  bases, fundingAgreements, fundingApplications, fundingBudgetLines, fundingCalls, fundingGroupMembers, fundingLedgerEntries, fundingReports, fundingReviews, memberships, organizations, users,
} from '../schema/index.ts';
import { seedUser } from './factories.ts';

const DAY = 86_400_000;
const CRITERIA = withCriterionKeys([
  { label: '项目意义与特色', weight: 30, maxScore: 100 },
  { label: '实施方案可行性', weight: 30, maxScore: 100 },
  { label: '预期成效与受众', weight: 25, maxScore: 100 },
  { label: '预算合理性', weight: 15, maxScore: 100 },
]);
const beijingYear = (d: Date) => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(d));
const line = (key: string, category: string, item: string, quantity: number, unitPrice: string, justification = ''): BudgetLine => {
  const unitPriceFen = yuanToFen(unitPrice);
  return { key, category, item, quantity, unitPriceFen, amountFen: lineAmountFen(quantity, unitPriceFen), justification };
};
const total = (lines: BudgetLine[]) => lines.reduce((s, l) => s + l.amountFen, 0);

const EXHIBITION = [
  line('l1', '设备费', '可移动展柜', 4, '6500.00', '巡展用，可重复使用'),
  line('l2', '业务费', '展板设计与制作', 24, '850.00'),
  line('l3', '业务费', '巡展运输', 6, '1200.00'),
  line('l4', '劳务费', '讲解员补助', 40, '300.00', '每场 2 人'),
];
const ACTIVITY = [
  line('l1', '业务费', '科学家故事会场地与物料', 10, '1500.00'),
  line('l2', '业务费', '短视频拍摄剪辑', 8, '2000.00'),
  line('l3', '劳务费', '主讲嘉宾劳务', 10, '1000.00'),
];

/**
 * Special activity funding for the demo: this Beijing year's call (open, pool 500 000.00 元) with
 * funding@ and funding2@ on its working group and four applications — one submitted, one waiting for
 * funding@'s scores, one reviewed by both (for the office to decide), and base@'s approved grant with its
 * agreement confirmed and a first tranche of 70 %; and last year's call with a closed grant and a refund.
 * Run after the register seed (it reads the demo bases).
 */
export async function seedDemoFunding(db: DbOrTx, password: string) {
  const [office] = await db.select().from(users).where(eq(users.email, 'office@demo.ssb.local'));
  const [reviewer] = await db.select().from(users).where(eq(users.email, 'funding@demo.ssb.local'));
  const [officeOrg] = await db.select().from(organizations).where(eq(organizations.contactEmail, 'office@demo.ssb.local'));
  const [baseGrant] = await db
    .select({ organizationId: memberships.organizationId, userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(users.email, 'base@demo.ssb.local'), eq(memberships.role, 'base_manager')));
  const demoBases = await db.select().from(bases).where(and(eq(bases.isDemo, true), eq(bases.status, 'active')));
  const own = baseGrant ? demoBases.find((b) => b.organizationId === baseGrant.organizationId) : undefined;
  const others = demoBases.filter((b) => b.organizationId !== own?.organizationId);
  if (!office || !reviewer || !officeOrg || !baseGrant || !own || others.length < 3) return;
  const second = await seedUser(db, { email: 'funding2@demo.ssb.local', name: '钱工作组', password, roles: [{ organizationId: officeOrg.id, role: 'funding_reviewer' }] });

  const now = new Date();
  const year = beijingYear(now);
  const [call] = await db
    .insert(fundingCalls)
    .values({
      title: `${year}年度科学家精神教育基地专项活动工作经费申报（演示）`,
      year,
      description: '资助基地开展特色展览和活动。工作成绩突出、表现优异的单位经专项工作组审核通过后可申请经费支持。（演示数据）',
      poolFen: yuanToFen('500000'),
      maxPerProjectFen: yuanToFen('80000'),
      kinds: ['exhibition', 'activity', 'joint'],
      opensAt: new Date(now.getTime() - 10 * DAY),
      closesAt: new Date(now.getTime() + 20 * DAY),
      status: 'open',
      notifiedAt: new Date(now.getTime() - 10 * DAY),
      categories: ['设备费', '业务费', '劳务费'],
      requiredAttachments: ['项目实施方案'],
      criteria: CRITERIA,
      createdBy: office.id,
      isDemo: true,
    })
    .returning();
  await db.insert(fundingGroupMembers).values([{ callId: call!.id, userId: reviewer.id }, { callId: call!.id, userId: second.id }]);

  const targets = { events: 10, people: 4000, youth: 2500, newMedia: 8 };
  const start = `${year}-03-01`;
  const end = `${year}-12-31`;
  async function application(base: (typeof demoBases)[number], createdBy: string, kind: 'exhibition' | 'activity' | 'joint', title: string, lines: BudgetLine[], status: typeof fundingApplications.$inferInsert.status) {
    const [row] = await db
      .insert(fundingApplications)
      .values({
        callId: call!.id, baseId: base.id, organizationId: base.organizationId, kind, title, status, createdBy,
        aims: `${title}：弘扬科学家精神，面向青少年和公众开展系列活动。（演示数据）`, audiences: '中小学生、社区居民',
        startDate: start, endDate: end, targets, requestedFen: total(lines), milestones: [{ date: `${year}-06-30`, title: '完成首轮活动' }, { date: `${year}-11-30`, title: '全部活动完成' }],
        submittedAt: status === 'draft' ? null : new Date(now.getTime() - 5 * DAY), isDemo: true,
      })
      .returning();
    await db.insert(fundingBudgetLines).values(lines.map((l, position) => ({ ...l, applicationId: row!.id, revision: 0, position })));
    return row!;
  }
  const managerOf = async (orgId: string) => (await db.select().from(memberships).where(and(eq(memberships.organizationId, orgId), eq(memberships.role, 'base_manager'))))[0]?.userId ?? office.id;

  await application(others[0]!, await managerOf(others[0]!.organizationId), 'activity', '“科学家故事会”青少年系列讲座（演示）', ACTIVITY, 'submitted');
  const waiting = await application(others[1]!, await managerOf(others[1]!.organizationId), 'exhibition', '两弹一星精神巡回展（演示）', EXHIBITION, 'in_review');
  await db.insert(fundingReviews).values({ applicationId: waiting.id, reviewerId: reviewer.id, assignedBy: office.id });
  const reviewed = await application(others[2]!, await managerOf(others[2]!.organizationId), 'exhibition', '女科学家风采展（演示）', EXHIBITION, 'in_review');
  for (const [who, score, proposed] of [[reviewer.id, 88, '60000.00'], [second.id, 80, '56000.00']] as const) {
    const scores = Object.fromEntries(CRITERIA.map((c) => [c.key, score]));
    await db.insert(fundingReviews).values({ applicationId: reviewed.id, reviewerId: who, assignedBy: office.id, status: 'submitted', scores, total: weightedTotal(CRITERIA, scores), proposedFen: yuanToFen(proposed), opinion: '方案完整，展板数量可适当压缩。', submittedAt: now });
  }

  // base@'s grant: approved at 45 000.00 of 46 800.00, agreement confirmed, 70 % paid.
  const grant = await application(own, baseGrant.userId, 'activity', '科学家精神进校园系列活动（演示）', [...ACTIVITY.slice(0, 2), line('l3', '劳务费', '主讲嘉宾劳务', 10, '1580.00')], 'agreement_confirmed');
  const awardFen = yuanToFen('45000');
  const approvedLines = scaleLines(await db.select().from(fundingBudgetLines).where(eq(fundingBudgetLines.applicationId, grant.id)).then((r) => r.map(({ key, category, item, quantity, unitPriceFen, amountFen, justification }) => ({ key, category, item, quantity, unitPriceFen, amountFen, justification }))), awardFen);
  await db.insert(fundingBudgetLines).values(approvedLines.map((l, position) => ({ ...l, applicationId: grant.id, revision: 1, position })));
  await db.update(fundingApplications).set({ awardFen, budgetRevision: 1, reportDueOn: addDays(end, 30), decidedBy: office.id, decidedAt: new Date(now.getTime() - 3 * DAY) }).where(eq(fundingApplications.id, grant.id));
  await db.insert(fundingAgreements).values({ applicationId: grant.id, number: `京科精专-${year}-001-demo`, budgetRevision: 1, confirmedBy: baseGrant.userId, confirmedAt: new Date(now.getTime() - 2 * DAY) });
  const today = new Date(now.getTime() - DAY).toISOString().slice(0, 10);
  await db.insert(fundingLedgerEntries).values([
    { callId: call!.id, applicationId: grant.id, kind: 'commitment', amountFen: awardFen, occurredOn: today, note: '批准资助', createdBy: office.id },
    { callId: call!.id, applicationId: grant.id, kind: 'disbursement', amountFen: (awardFen * 70) / 100, occurredOn: today, voucherNo: `PZ-${year}-0001`, note: '首笔 70%', createdBy: office.id },
  ]);

  // Last year's call: closed, one grant closed with 3 200.50 元 returned.
  const [past] = await db
    .insert(fundingCalls)
    .values({
      title: `${year - 1}年度科学家精神教育基地专项活动工作经费（演示）`, year: year - 1, poolFen: yuanToFen('300000'), maxPerProjectFen: yuanToFen('60000'), kinds: ['exhibition', 'activity'],
      opensAt: new Date(`${year - 1}-03-01T09:00:00+08:00`), closesAt: new Date(`${year - 1}-04-01T17:00:00+08:00`), status: 'closed', categories: ['设备费', '业务费', '劳务费'], criteria: CRITERIA, createdBy: office.id, isDemo: true,
    })
    .returning();
  const pastLines = [line('l1', '业务费', '临展布展', 1, '30000.00'), line('l2', '劳务费', '讲解员补助', 50, '400.00')];
  const [closed] = await db
    .insert(fundingApplications)
    .values({
      callId: past!.id, baseId: own.id, organizationId: own.organizationId, kind: 'exhibition', title: '科学家手稿特展（演示）', status: 'closed', createdBy: baseGrant.userId, aims: '展出科学家手稿与笔记。（演示数据）',
      startDate: `${year - 1}-05-01`, endDate: `${year - 1}-10-31`, targets, requestedFen: total(pastLines), awardFen: total(pastLines), budgetRevision: 1, reportDueOn: `${year - 1}-11-30`,
      submittedAt: new Date(`${year - 1}-03-20T10:00:00+08:00`), decidedBy: office.id, decidedAt: new Date(`${year - 1}-04-20T10:00:00+08:00`), closedAt: new Date(`${year - 1}-12-20T10:00:00+08:00`), isDemo: true,
    })
    .returning();
  for (const revision of [0, 1]) await db.insert(fundingBudgetLines).values(pastLines.map((l, position) => ({ ...l, applicationId: closed!.id, revision, position })));
  await db.insert(fundingAgreements).values({ applicationId: closed!.id, number: `京科精专-${year - 1}-001-demo`, budgetRevision: 1, confirmedBy: baseGrant.userId, confirmedAt: new Date(`${year - 1}-04-25T10:00:00+08:00`) });
  const award = total(pastLines);
  const refund = yuanToFen('3200.50');
  await db.insert(fundingLedgerEntries).values([
    { callId: past!.id, applicationId: closed!.id, kind: 'commitment', amountFen: award, occurredOn: `${year - 1}-04-20`, note: '批准资助', createdBy: office.id },
    { callId: past!.id, applicationId: closed!.id, kind: 'disbursement', amountFen: (award * 70) / 100, occurredOn: `${year - 1}-04-28`, voucherNo: `PZ-${year - 1}-0007`, note: '首笔 70%', createdBy: office.id },
    { callId: past!.id, applicationId: closed!.id, kind: 'disbursement', amountFen: (award * 30) / 100, occurredOn: `${year - 1}-12-10`, voucherNo: `PZ-${year - 1}-0031`, note: '尾款 30%', createdBy: office.id },
    { callId: past!.id, applicationId: closed!.id, kind: 'refund', amountFen: refund, occurredOn: `${year - 1}-12-20`, note: '结项退回：讲解员补助结余', createdBy: office.id },
  ]);
  await db.insert(fundingReports).values({
    applicationId: closed!.id, kind: 'final', status: 'closed', summary: '特展开放 120 天，接待观众 1.2 万人次。（演示数据）', budgetRevision: 1,
    spent: { l1: yuanToFen('30000'), l2: yuanToFen('16799.50') }, spentFen: yuanToFen('46799.50'), targetsActual: { events: 12, people: 12000, youth: 5200, newMedia: 10 },
    submittedBy: baseGrant.userId, submittedAt: new Date(`${year - 1}-11-25T10:00:00+08:00`), decidedBy: office.id, decidedAt: new Date(`${year - 1}-12-20T10:00:00+08:00`), decisionNote: '验收通过，结余退回', refundFen: refund,
  });
}
