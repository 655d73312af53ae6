import {
  DEFAULT_DIMENSION_WEIGHTS, DEFAULT_REPORT_FORM_FIELDS, EVALUATION_DIMENSION_LABELS, EVALUATION_DIMENSIONS, REPORT_FIGURES, daysOpenInYear, rectificationDeadline, weightedScore,
  type EvaluationDimension, type EvaluationOutcome, type ReportFigure, type ReportFigures,
} from '@ssb/domain/evaluation';
import { beijingToday } from '@ssb/domain/time';
import { makeUscc } from '@ssb/domain/uscc';
import { and, eq, gte, inArray, lt, lte } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import {
  annualReports, baseEvents, baseStatusEvents, bases, evaluationAssignments, evaluationResults, evaluationRoundBases, evaluationRounds, evaluationVisits, rectificationPoints, rectifications,
  resources, users,
} from '../schema/index.ts';
import { seedOrganization } from './factories.ts';

const DAY = 86_400_000;
const beijingYear = (d: Date) => Number(beijingToday(d).slice(0, 4));

const texts = (name: string) =>
  Object.fromEntries(EVALUATION_DIMENSIONS.map((d) => [d, `${name}在“${EVALUATION_DIMENSION_LABELS[d].zh}”方面：按年度计划推进，详见附件台账（演示文字）。`])) as Record<EvaluationDimension, string>;

/** Figures of a year before the platform existed: nothing on record, so the base states its own with a reason. */
function ledgerFigures(year: number, stated: Partial<Record<ReportFigure, number>>): ReportFigures {
  return Object.fromEntries(
    REPORT_FIGURES.map((k) => [
      k,
      {
        platform: 0,
        source: { zh: `${year} 年平台尚未上线，无平台记录`, en: `No platform records for ${year}`, records: 0 },
        corrected: stated[k] ?? null,
        reason: stated[k] !== undefined ? '按本馆年度工作台账填报（平台上线前的数据）' : null,
      },
    ]),
  ) as ReportFigures;
}

/** A report of this year as the server pre-fills it: days open from the opening hours, events and resources from the platform. */
async function currentFigures(db: DbOrTx, base: typeof bases.$inferSelect, year: number, now: Date): Promise<ReportFigures> {
  const from = new Date(`${year}-01-01T00:00:00+08:00`);
  const to = new Date(`${year + 1}-01-01T00:00:00+08:00`);
  const held = await db.select({ id: baseEvents.id, walkIns: baseEvents.walkIns }).from(baseEvents).where(and(eq(baseEvents.baseId, base.id), eq(baseEvents.status, 'published'), gte(baseEvents.endsAt, from), lt(baseEvents.endsAt, to), lte(baseEvents.endsAt, now)));
  const published = await db.select({ type: resources.type }).from(resources).where(and(eq(resources.baseId, base.id), inArray(resources.status, ['published', 'archived']), gte(resources.publishedAt, from), lt(resources.publishedAt, to)));
  const weekdays = new Set(base.openingHours.map((h) => h.weekday)).size;
  const fig = (platform: number, zh: string, en: string, records: number) => ({ platform, source: { zh, en, records }, corrected: null, reason: null });
  const media = published.filter((p) => p.type === 'video' || p.type === 'online').length;
  const walkIns = held.reduce((s, e) => s + e.walkIns, 0);
  return {
    daysOpen: fig(daysOpenInYear(base.openingHours, year), `基地资料中的开放时间（每周 ${weekdays} 天）按 ${year} 年日历计算`, `Opening hours (${weekdays} days a week) over the ${year} calendar`, weekdays),
    eventsHeld: fig(held.length, `平台上已发布并已结束的活动 ${held.length} 场`, `${held.length} published events that ended`, held.length),
    peopleReached: { ...fig(walkIns, `0 场取自活动报告，${held.length} 场取自签到与现场登记`, `From check-ins and walk-ins of ${held.length} events`, held.length), corrected: walkIns + 860, reason: '含进校园讲座 6 场（未在平台发布）的听众人数' },
    youngPeopleReached: { ...fig(0, `活动报告中的青少年人数，或中小学生报名的签到人数（${held.length} 场）`, 'Young people from reports or checked-in pupils', held.length), corrected: 520, reason: '进校园讲座听众均为中学生' },
    resourcesPublished: fig(published.length, `${year} 年在资源共享平台发布的资源 ${published.length} 项`, `${published.length} resources published`, published.length),
    resourcesShared: fig(0, '他馆借用本基地资源获批准的预约 0 次（按借用开始日）', 'No approved bookings', 0),
    newMediaItems: fig(media, `发布的视频和线上展览/讲座 ${media} 项`, `${media} videos and online resources`, media),
    fundingReceivedFen: fig(0, '专项经费拨付记录 0 笔，共 0.00 元', 'No funding disbursements', 0),
    fundingSpentFen: fig(0, '0 个项目当年最近一次经费报告的支出合计', 'No funding reports', 0),
  };
}

const SCORES: Record<string, Record<EvaluationDimension, number>> = {
  excellent: { facilities: 95, exhibits: 94, guides: 92, education: 96, new_media: 90, management: 93 },
  pass: { facilities: 82, exhibits: 80, guides: 78, education: 84, new_media: 75, management: 80 },
  rectify: { facilities: 70, exhibits: 66, guides: 52, education: 64, new_media: 60, management: 62 },
};

/**
 * Life after naming for the demo: the 2023 round finished with every kind of outcome — 示例一中 under
 * rectification with a deadline ahead, a base revoked after failing its re-check, one 不合格 that had not
 * reported — and this year's round open: its deadline passed two days ago, four reports in, 中关村 overdue,
 * and base@'s 西山 given more time (so base@ finds a report to fill, pre-filled by the server).
 */
export async function seedDemoEvaluation(db: DbOrTx) {
  const demo = await db.select().from(bases).where(eq(bases.isDemo, true)).orderBy(bases.number);
  const byNumber = (n: number) => demo.find((b) => b.number === `京科精基地-2022-${String(n).padStart(3, '0')}`);
  const [office] = await db.select().from(users).where(eq(users.email, 'office@demo.ssb.local'));
  const [expert] = await db.select().from(users).where(eq(users.email, 'expert@demo.ssb.local'));
  if (!byNumber(6) || !office || !expert) return;
  const now = new Date();

  // Two bases of the 2023 batch that the 2023 round ended: named, then revoked (kept out of the 2022 batch's demo facts).
  const extra = [];
  for (const [i, spec] of [
    { n: 7, name: '京西矿冶科技史陈列馆（演示）', district: '110109', category: '重大科技工程纪念馆（遗迹）' },
    { n: 8, name: '运河水利科学家纪念馆（演示）', district: '110112', category: '科技类人物纪念馆和故居' },
  ].entries()) {
    const org = await seedOrganization(db, { name: spec.name, uscc: makeUscc(720000 + i, '12110000'), type: 'museum', districtCode: spec.district, contactEmail: `base${spec.n}@demo.ssb.local`, isDemo: true });
    const [base] = await db
      .insert(bases)
      .values({
        number: `京科精基地-2023-00${spec.n - 6}`, organizationId: org.id, name: spec.name, batchYear: 2023, category: spec.category, districtCode: spec.district,
        namedOn: '2023-05-30', validUntil: '2028-05-29', status: 'active', introduction: '演示基地。', address: `北京市示例路${spec.n}号`,
        openingHours: [3, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '16:00' })), isDemo: true,
      })
      .returning();
    await db.insert(baseStatusEvents).values({ baseId: base!.id, fromStatus: null, toStatus: 'active', reason: `命名（${base!.number}）`, at: new Date('2023-05-30T02:00:00Z') });
    extra.push(base!);
  }

  // ── 2023: finished ───────────────────────────────────────────────────────────────────────────
  const [r2023] = await db
    .insert(evaluationRounds)
    .values({ year: 2023, title: '2023年度科学家精神教育基地年度报告与考核（演示）', status: 'closed', opensOn: '2024-01-08', reportDueAt: new Date('2024-03-31T23:59:59+08:00'), weights: DEFAULT_DIMENSION_WEIGHTS, formFields: DEFAULT_REPORT_FORM_FIELDS, createdBy: office.id, closedAt: new Date('2024-07-01T02:00:00Z'), isDemo: true })
    .returning();
  const scope2023 = [...demo.filter((b) => b.number <= '京科精基地-2022-006'), ...extra];
  await db.insert(evaluationRoundBases).values(scope2023.map((b) => ({ roundId: r2023!.id, baseId: b.id, notifiedAt: new Date('2024-01-08T02:00:00Z') })));
  const plan2023: Array<{ base: typeof bases.$inferSelect; outcome: EvaluationOutcome; reported: boolean; reason: string }> = [
    { base: byNumber(1)!, outcome: 'excellent', reported: true, reason: '活动丰富，青少年覆盖面广' },
    { base: byNumber(2)!, outcome: 'pass', reported: true, reason: '' },
    { base: byNumber(3)!, outcome: 'pass', reported: true, reason: '' },
    { base: byNumber(4)!, outcome: 'pass', reported: true, reason: '' },
    { base: byNumber(5)!, outcome: 'rectify', reported: true, reason: '讲解队伍不足，展陈更新滞后' },
    { base: byNumber(6)!, outcome: 'pass', reported: true, reason: '' },
    { base: extra[0]!, outcome: 'rectify', reported: true, reason: '长期闭馆维修，开放天数不足' },
    { base: extra[1]!, outcome: 'fail', reported: false, reason: '未提交年度报告，经实地核查长期闭馆、未开展活动' },
  ];
  const decidedAt = new Date('2024-06-20T02:00:00Z');
  for (const item of plan2023) {
    if (item.reported) {
      await db.insert(annualReports).values({
        roundId: r2023!.id, baseId: item.base.id, status: 'submitted', texts: texts(item.base.name), answers: { highlights: '全年开展科学家精神主题活动（演示）。' },
        figures: ledgerFigures(2023, item.outcome === 'excellent' ? { daysOpen: 300, eventsHeld: 36, peopleReached: 42_000, youngPeopleReached: 25_000 } : item.outcome === 'pass' ? { daysOpen: 260, eventsHeld: 14, peopleReached: 9_800, youngPeopleReached: 4_200 } : { daysOpen: 120, eventsHeld: 3, peopleReached: 1_100, youngPeopleReached: 300 }),
        submittedAt: new Date('2024-03-25T02:00:00Z'), version: 3,
      });
      const scores = SCORES[item.outcome]!;
      await db.insert(evaluationAssignments).values({ roundId: r2023!.id, baseId: item.base.id, expertUserId: expert.id, status: 'submitted', scores, weightedScore: weightedScore(scores, DEFAULT_DIMENSION_WEIGHTS), comment: '（演示评语）', submittedAt: new Date('2024-04-20T02:00:00Z'), version: 2 });
    }
    const expertMean = item.reported ? weightedScore(SCORES[item.outcome]!, DEFAULT_DIMENSION_WEIGHTS) : null;
    const visitScore = item.outcome === 'rectify' || item.outcome === 'fail' ? (item.outcome === 'fail' ? 30 : 60) : null;
    if (visitScore !== null) {
      await db.insert(evaluationVisits).values({ roundId: r2023!.id, baseId: item.base.id, visitedOn: '2024-05-16', visitors: '工作办公室 刘办公；评审专家 陈专家', findings: item.reason, score: visitScore, recordedBy: office.id });
    }
    await db.insert(evaluationResults).values({
      roundId: r2023!.id, baseId: item.base.id, officeScore: expertMean ? Math.round(expertMean) : 20, officeNote: '材料核查完成', officeCheckedBy: office.id, officeCheckedAt: new Date('2024-06-01T02:00:00Z'),
      outcome: item.outcome, outcomeReason: item.reason, expertMean, visitScore, decidedBy: office.id, decidedAt, unreported: !item.reported,
    });
  }
  // 示例一中 (already under rectification in the register): open, deadline ahead.
  const today = beijingToday(now);
  const [rect5] = await db.insert(rectifications).values({ roundId: r2023!.id, baseId: byNumber(5)!.id, status: 'open', deadline: rectificationDeadline(today, 2), createdBy: office.id, createdAt: decidedAt }).returning();
  await db.insert(rectificationPoints).values([
    { rectificationId: rect5!.id, seq: 1, point: '补充专职讲解员不少于 2 名，并组织讲解培训' },
    { rectificationId: rect5!.id, seq: 2, point: '更新科学家校友展陈内容，增加原始实物' },
  ]);
  // 京西矿冶: rectified late and badly — re-check failed, revoked.
  const [rect7] = await db
    .insert(rectifications)
    .values({ roundId: r2023!.id, baseId: extra[0]!.id, status: 'failed', deadline: '2024-12-20', answeredAt: new Date('2024-12-18T02:00:00Z'), recheckNote: '复查时仍未恢复开放，整改未到位', recheckedBy: office.id, recheckedAt: new Date('2025-01-10T02:00:00Z'), createdBy: office.id, createdAt: decidedAt })
    .returning();
  await db.insert(rectificationPoints).values({ rectificationId: rect7!.id, seq: 1, point: '完成维修并恢复每周不少于 3 天开放', answer: '维修工程延期，计划 2025 年恢复开放。', answeredAt: new Date('2024-12-18T02:00:00Z') });
  const revocations = [
    { base: extra[0]!, steps: [{ to: 'rectification' as const, reason: '2023 年度考核结果：限期整改。长期闭馆维修，开放天数不足', at: decidedAt }, { to: 'revoked' as const, reason: '2023 年度考核整改复查未通过，撤销命名。复查时仍未恢复开放，整改未到位', at: new Date('2025-01-10T02:00:00Z') }] },
    { base: extra[1]!, steps: [{ to: 'revoked' as const, reason: '2023 年度考核结果：不合格（未提交年度报告）。经实地核查长期闭馆、未开展活动', at: decidedAt }] },
  ];
  for (const r of revocations) {
    let from: string = 'active';
    for (const step of r.steps) {
      await db.insert(baseStatusEvents).values({ baseId: r.base.id, fromStatus: from, toStatus: step.to, reason: step.reason, actorUserId: office.id, at: step.at });
      from = step.to;
    }
    await db.update(bases).set({ status: 'revoked', statusNote: r.steps.at(-1)!.reason }).where(eq(bases.id, r.base.id));
  }

  // ── This year: open, deadline two days ago ───────────────────────────────────────────────────
  const year = beijingYear(now);
  if (year === 2023) return;
  const [current] = await db
    .insert(evaluationRounds)
    .values({ year, title: `${year}年度科学家精神教育基地年度报告与考核（演示）`, status: 'open', opensOn: beijingToday(new Date(now.getTime() - 30 * DAY)), reportDueAt: new Date(now.getTime() - 2 * DAY), weights: DEFAULT_DIMENSION_WEIGHTS, formFields: DEFAULT_REPORT_FORM_FIELDS, createdBy: office.id, isDemo: true })
    .returning();
  const scopeNow = demo.filter((b) => b.number <= '京科精基地-2022-006' && (b.status === 'active' || b.status === 'rectification'));
  await db.insert(evaluationRoundBases).values(
    scopeNow.map((b) => ({ roundId: current!.id, baseId: b.id, notifiedAt: new Date(now.getTime() - 30 * DAY), dueAt: b.id === byNumber(1)!.id ? new Date(now.getTime() + 14 * DAY) : null, remindedKinds: b.id === byNumber(3)!.id ? ['week', 'overdue'] : [] })),
  );
  for (const n of [2, 4, 5, 6]) {
    const base = byNumber(n)!;
    await db.insert(annualReports).values({
      roundId: current!.id, baseId: base.id, status: 'submitted', texts: texts(base.name), answers: { highlights: `${year} 年开展科学家精神进校园系列活动（演示）。` },
      figures: await currentFigures(db, base, year, now), submittedAt: new Date(now.getTime() - 5 * DAY), version: 4,
    });
  }
  // The expert has one report of this year waiting to be scored.
  await db.insert(evaluationAssignments).values({ roundId: current!.id, baseId: byNumber(2)!.id, expertUserId: expert.id });
}
