import { seedUser } from '@ssb/db/seed';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { confirmMessageBox, signInAdmin } from './admin-steps.ts';
import { apiSession } from './api-session.ts';
import { DEMO_PASSWORD, launchBrowser, screenshot, startPlatform } from './harness.ts';
import { openPage, signInToPortal } from './page-steps.ts';

/**
 * An alliance end to end: a base manager proposes it in the portal, the founding base's manager
 * accepts, the office approves in admin, the new coordinator invites a base whose manager joins,
 * and the platform's alliance page lists the members.
 */

const NAME = '西山科学家精神研学联盟（测试）';
const JOINER_EMAIL = 'joiner@e2e.ssb.local';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;

beforeAll(async () => {
  platform = await startPlatform();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** Picks an option of an Element Plus select by its label. */
async function choose(page: Page, testId: string, label: string) {
  await page.locator(`[data-testid=${testId}]`).click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: label }).first().click();
}

describe('alliances', () => {
  test('proposed → founding member accepts → office approves → coordinator invites a base, which joins → the platform shows the members', async () => {
    const founderBase = (await (await apiSession(platform.baseUrl, 'base2@demo.ssb.local')).query<Array<{ id: string; name: string }>>('bases.mine'))[0]!;
    // A third base with a manager of its own, to be invited once the alliance stands.
    const joinerBase = await platform.database.db.query.bases.findFirst({ where: (b, { eq }) => eq(b.name, '京东农业科学家精神教育馆（演示）') });
    await seedUser(platform.database.db, { email: JOINER_EMAIL, name: '冯基地', password: DEMO_PASSWORD, roles: [{ organizationId: joinerBase!.organizationId, role: 'base_manager' }] });

    // 1. base@demo proposes a thematic alliance with base2's base as founding member.
    const proposer = await openPage(browser);
    await signInToPortal(proposer.page, platform.baseUrl, 'base@demo.ssb.local', '/alliances/new');
    await proposer.page.locator('input[data-testid=alliance-name]').fill(NAME);
    await proposer.page.locator('[data-testid=alliance-kind-thematic]').click();
    await proposer.page.locator('input[data-testid=alliance-theme]').fill('地质与研学');
    await choose(proposer.page, 'alliance-founding', founderBase.name);
    await proposer.page.locator('[contenteditable=true]').click();
    await proposer.page.keyboard.type('联合开展地质主题研学，共享讲解员与展品。');
    await proposer.page.locator('[data-testid=alliance-submit]').click();
    await proposer.page.waitForURL(/\/portal\/alliances$/);
    const card = proposer.page.locator(`[data-testid="my-alliance-${NAME}"]`);
    await expect.poll(() => card.locator('[data-testid=alliance-status]').textContent()).toBe('待发起单位确认');

    // 2. The founding base's manager accepts, after confirming.
    const founder = await openPage(browser);
    await signInToPortal(founder.page, platform.baseUrl, 'base2@demo.ssb.local', '/alliances');
    const founderCard = founder.page.locator(`[data-testid="my-alliance-${NAME}"]`);
    await founderCard.locator('[data-testid=accept-founding]').click();
    await confirmMessageBox(founder.page);
    await expect.poll(() => founderCard.locator('[data-testid=alliance-status]').textContent()).toBe('待办公室审核');

    // 3. The office approves it in admin.
    const office = await openPage(browser);
    await signInAdmin(office.page, platform.baseUrl, 'office@demo.ssb.local', '/alliances');
    await office.page.locator('[data-testid=alliances-table]').getByText(NAME).click();
    await office.page.locator('[data-testid=approve-alliance]').click();
    await confirmMessageBox(office.page);
    await expect.poll(() => office.page.locator('[data-testid=alliance-status]').textContent()).toBe('已批准');
    await screenshot(office.page, 'alliances-admin-detail');

    // 4. The proposer, now its coordinator, invites the third base.
    await proposer.page.goto(`${platform.baseUrl}/portal/alliances`);
    await proposer.page.locator(`[data-testid="my-alliance-${NAME}"]`).getByRole('link', { name: '联盟管理' }).click();
    await proposer.page.waitForURL(/\/portal\/alliance-admin/);
    await proposer.page.locator('[data-testid=coordinator-members]').waitFor();
    await choose(proposer.page, 'invite-base', joinerBase!.name);
    await proposer.page.locator('[data-testid=invite-send]').click();
    await expect.poll(() => proposer.page.locator('[data-testid=coordinator-members]').textContent()).toContain(joinerBase!.name);
    await screenshot(proposer.page, 'alliances-coordinator');

    // 5. The invited base's manager accepts.
    const joiner = await openPage(browser);
    await signInToPortal(joiner.page, platform.baseUrl, JOINER_EMAIL, '/alliances');
    await joiner.page.locator(`[data-testid="my-alliance-${NAME}"] [data-testid=member-accept]`).click();
    await confirmMessageBox(joiner.page);
    await expect.poll(() => joiner.page.locator(`[data-testid="my-alliance-${NAME}"] [data-testid=member-leave]`).count()).toBe(1);

    // 6. A visitor sees the alliance and its three members on the platform.
    const visitor = await openPage(browser);
    await visitor.page.goto(`${platform.baseUrl}/alliances`);
    await visitor.page.locator('[data-testid=alliance-list]').getByText(NAME).click();
    await visitor.page.locator('[data-testid=alliance-name]').waitFor();
    const members = visitor.page.locator('[data-testid=alliance-members]');
    await expect.poll(() => members.textContent()).toContain(joinerBase!.name);
    expect(await members.textContent()).toContain(founderBase.name);
    expect(await visitor.page.locator('[data-testid=alliance-charter]').textContent()).toContain('联合开展地质主题研学');
    await screenshot(visitor.page, 'alliances-platform-page');
    for (const p of [proposer, founder, office, joiner, visitor]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });

  test('the demo coordinator manages 海淀区科学家精神教育基地联盟, whose page shows its mentored unit and joint actions', async () => {
    const coordinator = await openPage(browser);
    await signInToPortal(coordinator.page, platform.baseUrl, 'alliance@demo.ssb.local', '/alliance-admin');
    const members = coordinator.page.locator('[data-testid=coordinator-members]');
    await expect.poll(() => members.textContent()).toContain('京师理工大学（演示）');
    expect(await coordinator.page.locator('h2').first().textContent()).toBe('海淀区科学家精神教育基地联盟');

    const visitor = await openPage(browser);
    await visitor.page.goto(`${platform.baseUrl}/alliances`);
    await visitor.page.locator('[data-testid=alliance-list]').getByText('海淀区科学家精神教育基地联盟').click();
    await expect.poll(() => visitor.page.locator('[data-testid=alliance-members]').textContent()).toContain('培育单位');
    // The demo's upcoming joint action is hosted by the lead base (踏遍青山, co-hosted by two members).
    expect(await visitor.page.locator('[data-testid=alliance-upcoming]').textContent()).toContain('踏遍青山：地质学家的野外故事（演示）');
    expect(await visitor.page.locator('[data-testid=alliance-past]').textContent()).toContain('国际博物馆日开放日（演示）');
    for (const p of [coordinator, visitor]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });
});
