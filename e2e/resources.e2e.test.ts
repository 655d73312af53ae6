import { makeMediaFixtures } from '@ssb/media/testing/fixtures';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiSession } from './api-session.ts';
import { DEMO_PASSWORD, launchBrowser, screenshot, startPlatform } from './harness.ts';
import { openPage, seriousViolations, signInToPortal as signIn, type PageOptions } from './page-steps.ts';
import { exhibitThroughApi, gradientPng } from './resource-steps.ts';

/**
 * The shared-resource platform end to end: a base manager publishes an exhibit in the portal, a
 * visitor finds it on the public site by part of a Chinese word, another base asks to borrow it,
 * and the owner approves. The public pages pass an axe-core check. Each test makes the exhibit it
 * needs (through the API when the making is not what it tests), so each one runs alone.
 */

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
let media: Awaited<ReturnType<typeof makeMediaFixtures>>;

beforeAll(async () => {
  [platform, browser, media] = await Promise.all([startPlatform(), launchBrowser(), makeMediaFixtures()]);
});
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});


const at = (path: string) => `${platform.baseUrl}${path}`;
const input = (page: Page, testId: string) => page.locator(`input[data-testid=${testId}]`);
const newPage = (options: PageOptions = {}) => openPage(browser, options);
const signInToPortal = (page: Page, email: string, path: string) => signIn(page, platform.baseUrl, email, path);
// One API session for the file: sign-ins are rate-limited per address, as for any visitor.
let manager: ReturnType<typeof apiSession> | undefined;
const asBaseManager = () => (manager ??= apiSession(platform.baseUrl, 'base@demo.ssb.local'));
const videosOf = async (resourceId: string) =>
  (await (await asBaseManager()).query<{ media: Array<{ kind: string; name: string }> }>('resources.edit', { resourceId })).media.filter((m) => m.kind === 'video');

/**
 * Waits for the video uploads on the page to end, as the page itself knows it: no row still being
 * checked, sent or verified by the server. Returns the rows left (refused or failed, with why).
 */
async function settledUploads(page: Page, timeout = 90_000) {
  const rows = page.locator('[data-testid=video-uploader] li.upload-row');
  const active = ['upload-checking', 'upload-queued', 'upload-uploading', 'upload-verifying'];
  const deadline = Date.now() + timeout;
  for (;;) {
    const states = await rows.evaluateAll((els) => els.map((el) => ({ state: el.getAttribute('data-testid') ?? '', text: el.textContent ?? '' })));
    if (!states.some((s) => active.includes(s.state)) || Date.now() > deadline) return states;
    await page.waitForTimeout(200);
  }
}



const inDays = (n: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + n * 86400_000));

describe('shared-resource platform', () => {
  test('a base manager writes and publishes an exhibit in the portal', { timeout: 120_000 }, async () => {
    const TITLE = '天文望远镜复原件（测试）';
    const { context, page, errors } = await newPage();
    await signInToPortal(page, 'base@demo.ssb.local', '/');
    // The workbench leads a base manager to the base's own pages.
    await page.locator('[data-testid=go-resources-admin]').click();
    await page.waitForURL((url) => url.pathname === '/portal/resources');
    await page.locator('[data-testid=resource-table]').waitFor();
    await screenshot(page, 'resources-portal-list');

    await page.locator('[data-testid=new-resource]').click();
    await page.waitForURL(/\/portal\/resources\/new$/);
    await input(page, 'resource-title').fill(TITLE);
    const editor = page.locator('[data-testid=rich-text]');
    await editor.click();
    await page.keyboard.type('一架按原样复原的折射式天文望远镜，');
    await page.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.type('可拆装运输');
    await page.getByRole('button', { name: '加粗' }).click();
    await page.keyboard.type('，附观测记录手稿复制件。');
    await page.locator('[data-testid=element-innovation]').click();
    await page.locator('[data-testid=resource-lendable]').click();
    await page.locator('textarea[data-testid=resource-terms]').fill('借用方负责往返运输与保险，展期不超过 20 天。');
    await screenshot(page, 'resources-portal-editor');
    await page.locator('[data-testid=resource-save]').click();
    await page.waitForURL(/\/portal\/resources\/[0-9a-f-]{36}$/);
    const resourceId = page.url().split('/').at(-1)!;
    await expect.poll(() => page.locator('[data-testid=resource-status]').textContent()).toBe('草稿');

    // An image, checked on its bytes: a text file named .jpg is refused, a real PNG is attached.
    await page.locator('[data-testid=media-input]').setInputFiles({ name: 'fake.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really an image') });
    await expect.poll(() => page.locator('[data-testid=media-error]').textContent()).toContain('只能上传 JPEG 或 PNG');
    await page.locator('[data-testid=media-input]').setInputFiles({ name: '望远镜.png', mimeType: 'image/png', buffer: gradientPng() });
    await page.locator('[data-testid=media-item]').waitFor();
    expect(await page.locator('[data-testid=media-item]').count()).toBe(1);
    await screenshot(page, 'resources-portal-media');

    // A video goes up resumably (tus) beside the image; a cut-off copy is refused by the server with the reason.
    await input(page, 'video-input').setInputFiles(media.path('video-truncated.mp4'));
    await expect.poll(() => page.locator('[data-testid=video-uploader] [data-testid=upload-problems]').textContent(), { timeout: 30_000 }).toContain('不完整');
    await page.locator('[data-testid=upload-dismiss]').click();
    // On a slow line the progress shows; a pause, then the upload resumes from where the server stopped.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 12 * 1024 });
    await input(page, 'video-input').setInputFiles(media.path('hd720.mp4'));
    const uploading = page.locator('[data-testid=video-uploader] [data-testid=upload-uploading]');
    await expect.poll(() => uploading.locator('[data-testid=upload-progress]').getAttribute('aria-valuenow'), { timeout: 30_000 }).not.toBe('0');
    await screenshot(page, 'resources-portal-video-progress');
    await uploading.locator('[data-testid=upload-pause]').click();
    const paused = page.locator('[data-testid=video-uploader] [data-testid=upload-paused]');
    expect(await paused.textContent()).toContain('已暂停');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await paused.locator('[data-testid=upload-resume]').click();
    // The upload's own end: the server's answer to the last byte (or, when the pause lost it, what the server stored).
    expect(await settledUploads(page)).toEqual([]);
    const videoItem = page.locator('[data-testid=media-item][data-kind=video]');
    expect(await videoItem.count()).toBe(1);
    expect(await videosOf(resourceId)).toHaveLength(1);
    expect(await videoItem.textContent()).toContain('hd720.mp4');
    expect(await videoItem.textContent()).toContain('1280×720');
    // Images and videos are one list, reordered together (the public page shows images, then videos, each in this order).
    await videoItem.getByRole('button', { name: '上移' }).click();
    await expect.poll(() => page.locator('[data-testid=media-item]').first().getAttribute('data-kind')).toBe('video');
    await screenshot(page, 'resources-portal-video');

    // Publishing asks first.
    await page.locator('[data-testid=editor-publish]').click();
    await page.locator('.el-message-box').waitFor();
    expect(await page.locator('.el-message-box').textContent()).toContain('确认发布');
    await page.locator('.el-message-box .el-button--primary').click();
    await expect.poll(() => page.locator('[data-testid=resource-status]').textContent()).toBe('已发布');
    await screenshot(page, 'resources-portal-published');
    expect(errors).toEqual([]);
    await context.close();
  });

  // The page's request carrying the last byte goes to the server from the test's side, and its answer
  // is held back: the server has stored the video while the page still shows the upload going.
  for (const how of ['pause', 'cut line'] as const) {
    test(`a ${how} after the server took the last byte ends with the video listed once, not twice`, { timeout: 120_000 }, async () => {
      const { resourceId } = await exhibitThroughApi(await asBaseManager(), { title: `天文望远镜复原件（续传测试 ${how}）` });
      const { context, page, errors } = await newPage();
      await signInToPortal(page, 'base@demo.ssb.local', `/resources/${resourceId}`);
      let held: Route | undefined;
      let stored!: () => void;
      const serverStored = new Promise<void>((resolve) => (stored = resolve));
      await page.route('**/uploads/*', async (route) => {
        if (route.request().method() !== 'PATCH' || held) return route.continue();
        held = route;
        await route.fetch();
        stored();
      });
      await input(page, 'video-input').setInputFiles(media.path('hd720.mp4'));
      await serverStored;
      expect(await videosOf(resourceId)).toHaveLength(1);
      if (how === 'pause') {
        await page.locator('[data-testid=video-uploader] [data-testid=upload-uploading] [data-testid=upload-pause]').click();
        await held!.abort().catch(() => undefined);
        await page.locator('[data-testid=video-uploader] [data-testid=upload-paused] [data-testid=upload-resume]').click();
      } else {
        await held!.abort('connectionreset');
      }
      // The server no longer knows the upload (it ended it when it stored the file): the page reads the
      // resource again instead of sending the file a second time.
      expect(await settledUploads(page)).toEqual([]);
      const videos = page.locator('[data-testid=media-item][data-kind=video]');
      expect(await videos.count()).toBe(1);
      expect(await videos.textContent()).toContain('hd720.mp4');
      expect(await videosOf(resourceId)).toHaveLength(1);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  test('a visitor finds it by part of a Chinese word, with the word highlighted, and opens it', async () => {
    const TITLE = '折射望远镜模型（检索测试）';
    const { resourceId } = await exhibitThroughApi(await asBaseManager(), { title: TITLE, image: gradientPng(), videoPath: media.path('hd720.mp4'), publish: true });
    const { context, page, errors } = await newPage({ forAxe: true });
    await page.goto(at('/'));
    await page.locator('[data-testid=search-input]').fill('望远');
    await page.locator('[data-testid=search-input]').press('Enter');
    await page.waitForURL(/\/search\?q=/);
    // The index follows the publication through the outbox within moments.
    const hit = page.locator('[data-testid=search-results] li', { hasText: TITLE });
    for (let attempt = 0; attempt < 20 && !(await hit.count()); attempt++) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.locator('[data-testid=search-results], .state').first().waitFor();
    }
    await hit.waitFor();
    expect(await hit.locator('mark').first().textContent()).toContain('望远');
    await screenshot(page, 'resources-search');
    expect(await seriousViolations(page)).toEqual([]);

    await hit.locator('a').first().click();
    await page.waitForURL(new RegExp(`/resources/${resourceId}$`));
    await page.locator('[data-testid=resource-title]').waitFor();
    expect(await page.locator('[data-testid=resource-description] strong').textContent()).toBe('可拆装运输');
    expect(await page.locator('.lending').textContent()).toContain('登录后申请');
    const image = page.locator('[data-testid=resource-gallery] img').first();
    expect(await image.getAttribute('alt')).toBe(`${TITLE} 图 1`);
    expect(await image.getAttribute('loading')).toBe('lazy');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);

    // The video plays in the browser's own player, fetched by byte range, and takes the keyboard.
    const player = page.locator('[data-testid=resource-video]');
    expect(await player.getAttribute('preload')).toBe('metadata');
    expect(await player.getAttribute('aria-label')).toBe(`${TITLE} 视频 1`);
    const duration = await player.evaluate(
      (video: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          if (video.readyState >= 1) return resolve(video.duration);
          video.addEventListener('loadedmetadata', () => resolve(video.duration), { once: true });
          video.addEventListener('error', () => resolve(-1), { once: true });
        }),
    );
    expect(duration).toBeGreaterThan(2.5);
    expect(duration).toBeLessThan(3.5);
    await screenshot(page, 'resources-resource-page');
    await player.focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('resource-video');
    expect(await seriousViolations(page)).toEqual([]);

    // Its base's page lists it with the first image as a thumbnail.
    await page.locator('[data-testid=resource-base]').click();
    const cover = page.locator(`[data-testid=base-resources] img[src*="${resourceId}"]`);
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
    await screenshot(page, 'resources-base-page-cover');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the home page, the directory with its map, and a base page pass axe and work by keyboard', async () => {
    const { context, page, errors } = await newPage({ forAxe: true });
    await page.goto(at('/'));
    await page.locator('[data-testid=search-input]').waitFor();
    await screenshot(page, 'resources-home');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(at('/bases'));
    await page.locator('[data-testid=base-cards] li').first().waitFor();
    const total = await page.locator('[data-testid=base-cards] li').count();
    expect(total).toBeGreaterThan(1);
    await screenshot(page, 'resources-directory');
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard: focus a district tile and press Enter to filter by it.
    const haidian = page.locator('[data-testid=district-110108]');
    await haidian.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/district=110108/);
    expect(await haidian.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('[data-testid=base-cards] li').count()).toBeLessThan(total);
    for (const card of await page.locator('[data-testid=base-cards] li').allTextContents()) expect(card).toContain('海淀区');
    await screenshot(page, 'resources-directory-haidian');

    await page.locator('[data-testid=base-cards] li a').first().click();
    await page.locator('[data-testid=base-name]').waitFor();
    await page.locator('.hours').waitFor();
    await screenshot(page, 'resources-base-page');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('another base asks to borrow it and the owner approves; both sides see the history', async () => {
    const TITLE = '天文望远镜复原件（借用测试）';
    const { resourceId } = await exhibitThroughApi(await asBaseManager(), { title: TITLE, publish: true });
    const borrower = await newPage();
    await borrower.page.goto(at(`/login?redirect=${encodeURIComponent(`/resources/${resourceId}`)}`));
    await input(borrower.page, 'login-email').fill('base2@demo.ssb.local');
    await input(borrower.page, 'login-password').fill(DEMO_PASSWORD);
    await input(borrower.page, 'login-password').press('Enter');
    await borrower.page.waitForURL(new RegExp(`/resources/${resourceId}$`));
    await borrower.page.locator('[data-testid=booking-form]').waitFor();
    await borrower.page.locator('[data-testid=booking-starts]').fill(inDays(14));
    await borrower.page.locator('[data-testid=booking-ends]').fill(inDays(24));
    await borrower.page.locator('[data-testid=booking-message]').fill('用于校园科学周展出');
    await borrower.page.locator('[data-testid=booking-submit]').click();
    await borrower.page.locator('[data-testid=booking-sent]').waitFor();
    await screenshot(borrower.page, 'resources-booking-sent');

    const owner = await newPage();
    await signInToPortal(owner.page, 'base@demo.ssb.local', '/sharing');
    const row = owner.page.locator('[data-testid=booking-table] .el-table__row', { hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain('用于校园科学周展出');
    await screenshot(owner.page, 'resources-sharing-incoming');
    await row.locator('[data-testid=booking-approve]').click();
    await owner.page.locator('.el-message-box').waitFor();
    await owner.page.locator('.el-message-box textarea').fill('请提前三天联系运输');
    await owner.page.locator('.el-message-box .el-button--primary').click();
    await expect.poll(() => row.locator('[data-testid=booking-status]').textContent()).toBe('已同意');
    await screenshot(owner.page, 'resources-sharing-approved');

    await borrower.page.goto(at('/portal/sharing'));
    await borrower.page.locator('[data-testid=sharing-outgoing]').click();
    const mine = borrower.page.locator('[data-testid=booking-table] .el-table__row', { hasText: TITLE });
    await expect.poll(() => mine.locator('[data-testid=booking-status]').textContent()).toBe('已同意');
    expect(await mine.textContent()).toContain('请提前三天联系运输');
    await screenshot(borrower.page, 'resources-sharing-outgoing');

    // The approved dates are shown as taken on the public page.
    await borrower.page.goto(at(`/resources/${resourceId}`));
    await borrower.page.locator('.lending').waitFor();
    expect(await borrower.page.locator('.lending').textContent()).toContain(inDays(14));
    expect([...borrower.errors, ...owner.errors]).toEqual([]);
    await borrower.context.close();
    await owner.context.close();
  });

  test('a base manager edits opening hours of their base', async () => {
    const { context, page, errors } = await newPage();
    await signInToPortal(page, 'base@demo.ssb.local', '/base');
    await page.locator('[data-testid=profile-introduction]').waitFor();
    const rows = await page.locator('[data-testid=hours-row]').count();
    await page.locator('[data-testid=add-period]').click();
    expect(await page.locator('[data-testid=hours-row]').count()).toBe(rows + 1);
    await page.locator('[data-testid=profile-save]').click();
    await page.locator('.el-message--success').waitFor();
    await screenshot(page, 'resources-base-profile');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the directory, the search and a resource page fit a phone screen', async () => {
    const { resourceId } = await exhibitThroughApi(await asBaseManager(), { title: '天文望远镜复原件（手机测试）', image: gradientPng(), publish: true });
    const { context, page, errors } = await newPage({ width: 390 });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(at('/bases'));
    await page.locator('[data-testid=base-cards] li').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'resources-directory-phone');
    await page.goto(at(`/search?q=${encodeURIComponent('罗盘')}`));
    await page.locator('[data-testid=search-results], .state').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(at(`/resources/${resourceId}`));
    await page.locator('[data-testid=resource-title]').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'resources-resource-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
