import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../client.ts';
import { eventFitsCampaign } from '@ssb/domain/activity-campaigns';
import { activityCampaigns, allianceMembers, baseEvents, bases, eventCohosts, memberships, users } from '../schema/index.ts';
import { createTestDatabase, TEST_ENGINES } from '../testing.ts';
import { seedDemo } from './demo.ts';
import { seedDemoEvents } from './events.ts';

describe.each(TEST_ENGINES)('demo events on %s', (engine) => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    await handle.db.transaction((tx) => seedDemo(tx));
  });
  afterAll(() => handle?.close());

  it('gives the demo bases events marked as demo, most of them still to come, with one cancelled and one past', async () => {
    const rows = await handle.db.select().from(baseEvents);
    expect(rows.length).toBeGreaterThanOrEqual(8);
    expect(rows.every((e) => e.isDemo && e.title.includes('（演示）') && e.endsAt >= e.startsAt)).toBe(true);
    const now = new Date();
    const upcoming = rows.filter((e) => e.status === 'published' && e.endsAt > now);
    expect(upcoming.length).toBeGreaterThanOrEqual(5);
    expect(new Set(upcoming.map((e) => e.baseId)).size).toBeGreaterThanOrEqual(3);
    expect(rows.some((e) => e.status === 'cancelled' && e.cancelReason && e.publishedAt)).toBe(true);
    expect(rows.some((e) => e.status === 'published' && e.endsAt < now)).toBe(true);
    expect(rows.filter((e) => e.status === 'draft').every((e) => e.publishedAt === null)).toBe(true);
  });

  it("puts upcoming events and a draft on the demo base manager's own base", async () => {
    const own = await handle.db
      .select({ status: baseEvents.status })
      .from(baseEvents)
      .innerJoin(bases, eq(bases.id, baseEvents.baseId))
      .innerJoin(memberships, and(eq(memberships.organizationId, bases.organizationId), eq(memberships.role, 'base_manager')))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, 'base@demo.ssb.local'), gt(baseEvents.endsAt, new Date())));
    expect(own.map((e) => e.status)).toEqual(expect.arrayContaining(['published', 'cancelled', 'draft']));
  });

  it('puts events of several bases, the joint action among them, into the demo 全国科技工作者日, and leaves base@ a co-host invitation', async () => {
    const [campaign] = await handle.db.select().from(activityCampaigns).where(eq(activityCampaigns.name, '全国科技工作者日（演示）'));
    const joined = await handle.db.select().from(baseEvents).where(eq(baseEvents.activityCampaignId, campaign!.id));
    expect(new Set(joined.filter((e) => e.status === 'published').map((e) => e.baseId)).size).toBeGreaterThanOrEqual(3);
    expect(joined.some((e) => e.allianceId !== null)).toBe(true);
    expect(joined.every((e) => eventFitsCampaign(e, campaign!))).toBe(true);
    const waiting = await handle.db
      .select({ status: eventCohosts.status })
      .from(eventCohosts)
      .innerJoin(bases, eq(bases.id, eventCohosts.baseId))
      .innerJoin(memberships, and(eq(memberships.organizationId, bases.organizationId), eq(memberships.role, 'base_manager')))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, 'base@demo.ssb.local'), eq(eventCohosts.status, 'invited')));
    expect(waiting.length).toBeGreaterThanOrEqual(1);
    const unitInvitation = await handle.db
      .select({ role: allianceMembers.role, baseId: allianceMembers.baseId })
      .from(allianceMembers)
      .innerJoin(memberships, and(eq(memberships.organizationId, allianceMembers.organizationId), eq(memberships.role, 'applicant')))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, 'applicant@demo.ssb.local'), eq(allianceMembers.status, 'invited')));
    expect(unitInvitation).toEqual([{ role: 'mentored', baseId: null }]);
  });

  it('has the past open day co-hosted by two demo bases: one filed its part of the report, one has it waiting', async () => {
    const [past] = await handle.db.select().from(baseEvents).where(eq(baseEvents.title, '国际博物馆日开放日（演示）'));
    const parts = await handle.db.select().from(eventCohosts).where(eq(eventCohosts.eventId, past!.id));
    expect(parts.map((p) => [p.status, p.reportedAt !== null]).sort()).toEqual([
      ['accepted', false],
      ['accepted', true],
    ]);
  });

  it('does not add them twice', async () => {
    const before = (await handle.db.select({ id: baseEvents.id }).from(baseEvents)).length;
    await seedDemoEvents(handle.db);
    expect((await handle.db.select({ id: baseEvents.id }).from(baseEvents)).length).toBe(before);
  });
});
