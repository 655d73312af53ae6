import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_FORM_FIELDS, type FormField } from '@ssb/domain/application-form';
import { BEIJING_DISTRICTS } from '@ssb/domain/districts';
import { completeApplicationData } from '@ssb/domain/testing';
import { makeUscc } from '@ssb/domain/uscc';
import { makeMediaFixtures } from '@ssb/media/testing/fixtures';
import { DEMO_PASSWORD, launchBrowser, screenshot, startPlatform } from './harness.ts';

let platform: Awaited<ReturnType<typeof startPlatform>>;
let browser: Browser;
let media: Awaited<ReturnType<typeof makeMediaFixtures>>;

beforeAll(async () => {
  [platform, browser, media] = await Promise.all([startPlatform(), launchBrowser(), makeMediaFixtures()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function newContext(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const errors = watchErrors(page);
  return { context, page, errors };
}

function watchErrors(page: Page) {
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const url = (path: string) => `${platform.baseUrl}/portal${path}`;

async function signIn(page: Page, email: string) {
  await page.goto(url('/login'));
  await page.locator('input[data-testid=login-email]').fill(email);
  await page.locator('input[data-testid=login-password]').fill(DEMO_PASSWORD);
  await page.locator('input[data-testid=login-password]').press('Enter');
  await page.waitForURL(url('/'));
}

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Opens an Element Plus select (inside `scope`) and picks the option with exactly this label. */
async function choose(page: Page, scope: string, label: string) {
  await page.locator(`${scope} .el-select__wrapper`).first().click();
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: exactly(label) }).first().click();
}

const field = (key: string) => `[data-field=${key}]`;

/** Types one value into the form as a person would, whatever the field's type. */
async function fillField(page: Page, f: FormField, value: unknown) {
  const scope = field(f.key);
  switch (f.type) {
    case 'select':
      return choose(page, scope, f.options!.find((o) => o.value === value)!.label);
    case 'district':
      return choose(page, scope, BEIJING_DISTRICTS.find((d) => d.code === value)!.name);
    case 'category':
      return choose(page, scope, String(value));
    case 'checkbox':
      if (!(await page.locator(`${scope} .el-checkbox`).getAttribute('class'))?.includes('is-checked')) await page.locator(`${scope} .el-checkbox`).click();
      return;
    case 'textarea':
      return page.locator(`${scope} textarea`).fill(String(value));
    case 'table': {
      for (const [index, row] of (value as Array<Record<string, unknown>>).entries()) {
        await page.locator(`${scope} [data-testid=add-row]`).click();
        const tr = `${scope} tbody tr:nth-child(${index + 1})`;
        for (const column of f.columns ?? []) {
          const cell = `${tr} td[data-column=${column.key}]`;
          const cellValue = String(row[column.key]);
          if (column.type === 'select') await choose(page, cell, cellValue);
          else if (column.type === 'date') {
            await page.locator(`${cell} input`).fill(cellValue);
            await page.locator(`${cell} input`).press('Enter');
          } else await page.locator(`${cell} input`).fill(cellValue);
        }
      }
      return;
    }
    default:
      return page.locator(`${scope} input`).first().fill(String(value));
  }
}

async function confirmMessageBox(page: Page) {
  await page.locator('.el-message-box__btns .el-button--primary:visible').click();
}

const savedState = (page: Page) => page.locator('[data-testid=save-state]').getAttribute('data-state');

async function createApplication(page: Page, body: string) {
  await page.goto(url('/applications'));
  await page.locator('[data-testid=new-application]').click();
  await page.locator('[data-testid=new-application-dialog] [data-testid=body-select]').click();
  await page.keyboard.type(body);
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: body }).first().click();
  await page.locator('[data-testid=create-submit]').click();
  await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
  await page.locator(`${field('baseName')} input`).waitFor();
  return page.url().split('/').at(-1)!;
}

describe('the application path', () => {
  test('an applicant fills in the form, uploads the materials and submits; the recommender recommends within the quota', { timeout: 300_000 }, async () => {
    const { context, page, errors } = await newContext();
    await signIn(page, 'applicant@demo.ssb.local');

    // 我的申报: reached from the home page; nothing yet, and the page says what to do.
    await page.locator('[data-testid=go-applications]').click();
    await page.waitForURL(url('/applications'));
    await page.locator('[data-testid=applications-empty]').waitFor();
    expect(await page.locator('[data-testid=applications-empty]').textContent()).toContain('新建申报');
    await screenshot(page, 'application-list-empty');

    // A new application, addressed to the municipal association; the quota belongs to it.
    await page.locator('[data-testid=new-application]').click();
    const dialog = page.locator('[data-testid=new-application-dialog]');
    await dialog.locator('[data-testid=body-select]').click();
    await page.keyboard.type('北京市科学技术协会');
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '北京市科学技术协会' }).first().click();
    expect(await dialog.textContent()).toContain('推荐名额属于推荐单位');
    expect(await dialog.locator('[data-testid=chosen-body]').textContent()).toContain('默认最多推荐 3 个');
    await screenshot(page, 'application-new-dialog');
    await dialog.locator('[data-testid=create-submit]').click();
    await page.waitForURL(/\/portal\/applications\/[0-9a-f-]{36}$/);
    const applicationId = page.url().split('/').at(-1)!;

    // The form: prefilled from the unit, the deadline in Beijing time.
    const data = completeApplicationData();
    const unitUscc = makeUscc(700000, '12110000');
    expect(data.uscc).toBe(unitUscc);
    await page.locator(`${field('uscc')} input`).waitFor();
    expect(await page.locator(`${field('uscc')} input`).inputValue()).toBe(unitUscc);
    expect(await page.locator('[data-testid=deadline]').textContent()).toContain('（北京时间）');
    expect(await page.locator('[data-testid=application-body]').textContent()).toBe('北京市科学技术协会');
    expect(await page.locator('[data-testid=completeness-percent]').textContent()).not.toBe('100%');

    // Live validation on leaving a field, with the server's words.
    await page.locator(`${field('postcode')} input`).fill('2000');
    await page.locator(`${field('postcode')} input`).blur();
    await expect.poll(() => page.locator(`${field('postcode')} .el-form-item__error`).textContent()).toBe('请输入6位北京邮政编码，如 100000');

    // Submitting too early lists what is missing, with links to each place.
    await page.locator('[data-testid=action-submit]').click();
    await page.locator('[data-testid=problems]').waitFor();
    const problems = (await page.locator('[data-testid=problems]').textContent()) ?? '';
    expect(problems).toContain('照片须 3–5 张（现有 0 张）');
    expect(problems).toContain('视频须 1–2 个（现有 0 个）');
    expect(problems).toContain('基地名称');

    // Every field, as a person types it (the code stays the unit's).
    for (const f of DEFAULT_FORM_FIELDS) {
      if (f.key === 'uscc' || data[f.key] === undefined) continue;
      await fillField(page, f, data[f.key]);
    }
    await page.locator('h1').click();
    await expect.poll(() => page.locator('[data-testid=completeness-percent]').textContent()).toBe('100%');
    expect(await page.locator(`${field('postcode')} .el-form-item__error`).count()).toBe(0);
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe('saved');
    expect(await page.locator('[data-testid=save-state]').textContent()).toMatch(/已保存 \d{2}:\d{2}:\d{2}/);
    await screenshot(page, 'application-form');

    // Materials: refused files say why, before (or instead of) uploading.
    await page.locator('[data-testid=materials-tab]').click();
    await page.locator('input[data-testid=video-input]').setInputFiles(media.path('hd720.mp4'));
    await expect.poll(() => page.locator('[data-testid=materials-video] [data-testid=upload-problems]').textContent(), { timeout: 30_000 }).toContain(
      '分辨率 1280×720，应为 1920×1080 或 1080×1920',
    );
    await page.locator('input[data-testid=photo-input]').setInputFiles([media.path('photo-small.jpg'), media.path('photo-is-png.jpg')]);
    await expect.poll(() => page.locator('[data-testid=materials-photo]').textContent()).toContain('小于 2 MB');
    await expect.poll(() => page.locator('[data-testid=materials-photo]').textContent()).toContain('文件内容不是 JPEG 图片（实际为 PNG）');
    await screenshot(page, 'application-upload-refused');
    while ((await page.locator('[data-testid=upload-dismiss]').count()) > 0) await page.locator('[data-testid=upload-dismiss]').first().click();

    // Three photos and a video through tus, on a slow line so the progress shows; one pause and resume.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1.5 * 1024 * 1024 });
    const large = media.path('photo-large.jpg');
    await page.locator('input[data-testid=photo-input]').setInputFiles([large, large, large]);
    const uploading = page.locator('[data-testid=upload-uploading]').first();
    await uploading.waitFor({ timeout: 30_000 });
    await expect.poll(() => uploading.locator('[data-testid=upload-progress]').getAttribute('aria-valuenow'), { timeout: 30_000 }).not.toBe('0');
    await expect.poll(() => uploading.textContent(), { timeout: 30_000 }).toMatch(/MB\/s/);
    await screenshot(page, 'application-upload-progress');
    await uploading.locator('[data-testid=upload-pause]').click();
    const paused = page.locator('[data-testid=upload-paused]');
    await paused.waitFor();
    expect(await paused.textContent()).toContain('已暂停');
    await paused.locator('[data-testid=upload-resume]').click();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect.poll(() => page.locator('[data-testid=photo-card]').count(), { timeout: 90_000 }).toBe(3);
    expect(await page.locator('[data-testid=photo-count]').textContent()).toContain('已上传 3 张');
    await page.locator('input[data-testid=video-input]').setInputFiles(media.path('landscape.mp4'));
    await expect.poll(() => page.locator('[data-testid=video-card]').count(), { timeout: 60_000 }).toBe(1);
    const videoCard = (await page.locator('[data-testid=video-card]').textContent()) ?? '';
    expect(videoCard).toContain('landscape.mp4');
    expect(videoCard).toContain('1920×1080');
    expect(await page.locator('[data-testid=photo-card]').first().textContent()).toContain('导出文件名：京华航天科学家纪念馆（演示）1.jpg');
    expect(await page.locator('[data-testid=materials-tab]').textContent()).toBe('申报材料（照片 3 · 视频 1）');
    await screenshot(page, 'application-materials');

    // Submit, confirming the declaration.
    await page.locator('[data-testid=action-submit]').click();
    expect(await page.locator('.el-message-box').textContent()).toContain('不涉及国家秘密');
    await confirmMessageBox(page);
    await expect.poll(() => page.locator('[data-testid=application-status]').first().textContent()).toBe('已提交，待推荐');
    await page.locator('[data-testid=read-only-note]').waitFor();
    expect(await page.locator('[data-testid=action-withdraw]').count()).toBe(1);
    expect(await page.locator('[data-testid=action-submit]').count()).toBe(0);
    expect(await page.locator(`${field('baseName')} input`).count()).toBe(0);
    await page.locator('[data-testid=timeline-tab]').click();
    expect(await page.locator('[data-testid=timeline]').textContent()).toContain('张申报');
    await page.goto(url('/applications'));
    await page.locator('[data-testid=application-item]').waitFor();
    const item = (await page.locator('[data-testid=application-item]').textContent()) ?? '';
    expect(item).toContain('航天科学家精神展馆（演示）');
    expect(item).toContain('已提交，待推荐');
    expect(item).toContain('北京市科学技术协会');
    await screenshot(page, 'application-list');
    expect(errors).toEqual([]);
    await context.close();

    // The recommender's desk: the application with the quota untouched.
    const rec = await newContext();
    await signIn(rec.page, 'recommender@demo.ssb.local');
    await rec.page.locator('.ssb-header__nav a', { hasText: '推荐工作台' }).click();
    await rec.page.waitForURL(url('/recommendations'));
    await expect.poll(() => rec.page.locator('[data-testid=quota-figure]').textContent()).toBe('已推荐 0/3');
    expect(await rec.page.locator('[data-testid=desk-deadline]').textContent()).toContain('（北京时间）');
    const row = rec.page.locator('[data-testid=desk-table] .el-table__row', { hasText: '航天科学家精神展馆（演示）' });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(unitUscc);
    expect(rowText).toContain('科技类人物纪念馆和故居');
    expect(rowText).toContain('海淀区');
    expect(rowText).toContain('已提交，待推荐');
    await screenshot(rec.page, 'recommendation-desk');

    // "如无合适基地，可不推荐": declared with a note, after a confirmation.
    const declareNone = rec.page.locator('[data-testid=declare-none]');
    await declareNone.click();
    await rec.page.locator('.el-message-box textarea').fill('本年度申报单位尚在筹建中。');
    await confirmMessageBox(rec.page);
    await expect.poll(() => declareNone.getAttribute('class')).toContain('is-checked');
    expect(await rec.page.locator('#desk-none').locator('xpath=../..').textContent()).toContain('已声明本年度不推荐');

    // Opened: the read-only form, a photo in the viewer, a video that plays.
    await row.locator('[data-testid=desk-open]').click();
    await rec.page.waitForURL(url(`/recommendations/${applicationId}`));
    await rec.page.locator(field('baseName')).waitFor();
    expect(await rec.page.locator(field('baseName')).textContent()).toContain('航天科学家精神展馆（演示）');
    expect(await rec.page.locator(`${field('baseName')} input`).count()).toBe(0);
    await rec.page.locator('[data-testid=materials-tab]').click();
    await expect.poll(() => rec.page.locator('[data-testid=photo-card]').count()).toBe(3);
    expect(await rec.page.locator('[data-testid=delete-material]').count()).toBe(0);
    // The list shows a thumbnail (480 px wide), not the 2400 px original; a click opens the original.
    await expect
      .poll(() => rec.page.locator('[data-testid=photo-card] img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(480);
    await rec.page.locator('[data-testid=photo-card] button').first().click();
    await rec.page.locator('.el-image-viewer__wrapper').waitFor();
    await expect
      .poll(() => rec.page.locator('.el-image-viewer__wrapper img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(2400);
    await rec.page.keyboard.press('Escape');
    await rec.page.locator('.el-image-viewer__wrapper').waitFor({ state: 'detached' });
    const duration = await rec.page.locator('[data-testid=video-player]').evaluate(
      (video: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          if (video.readyState >= 1) return resolve(video.duration);
          video.addEventListener('loadedmetadata', () => resolve(video.duration), { once: true });
          video.addEventListener('error', () => resolve(-1), { once: true });
          video.load();
        }),
    );
    expect(duration).toBeGreaterThan(2.5);
    expect(duration).toBeLessThan(3.5);
    // It seeks too: the file route answers byte ranges.
    const seeked = await rec.page.locator('[data-testid=video-player]').evaluate(
      (video: HTMLVideoElement) =>
        new Promise<number>((resolve) => {
          video.addEventListener('seeked', () => resolve(video.currentTime), { once: true });
          video.currentTime = 2;
        }),
    );
    expect(seeked).toBeGreaterThan(1.5);
    await screenshot(rec.page, 'recommendation-detail');

    // Recommend: the quota shows the place used, here and on the desk.
    await rec.page.locator('[data-testid=action-recommend]').click();
    expect(await rec.page.locator('.el-message-box').textContent()).toContain('当前已推荐 0/3');
    await confirmMessageBox(rec.page);
    // Recommended files go to the office: the tag says where the file is now.
    await expect.poll(() => rec.page.locator('[data-testid=application-status]').first().textContent()).toBe('已推荐，形式审查中');
    await expect.poll(() => rec.page.locator('[data-testid=quota-figure]').textContent()).toBe('已推荐 1/3');
    expect(await rec.page.locator('[data-testid=action-unrecommend]').count()).toBe(1);
    await rec.page.locator('.rec-page__back').click();
    await rec.page.waitForURL(url('/recommendations'));
    await expect.poll(() => rec.page.locator('[data-testid=quota-figure]').textContent()).toBe('已推荐 1/3');
    // The 汇总表 to print and seal: the recommended application is in it, under the notice's columns.
    const [download] = await Promise.all([rec.page.waitForEvent('download'), rec.page.locator('[data-testid=summary-xlsx]').click()]);
    expect(download.suggestedFilename()).toMatch(/年申报汇总表-北京市科学技术协会\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const cells = (workbook.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][]).flat().map(String);
    expect(cells).toEqual(expect.arrayContaining(['基地名称', '统一社会信用代码', '年接待人次', String(completeApplicationData().baseName)]));
    // Recommending ended the declaration; with a place used, it cannot be declared again.
    expect(await rec.page.locator('[data-testid=declare-none]').getAttribute('class')).not.toContain('is-checked');
    expect(await rec.page.locator('[data-testid=declare-none]').getAttribute('class')).toContain('is-disabled');
    await screenshot(rec.page, 'recommendation-desk-after');

    // Changing their mind: the place is freed, and the application goes back with a reason.
    await rec.page.locator('[data-testid=desk-open]').first().click();
    await rec.page.locator('[data-testid=action-unrecommend]').click();
    await confirmMessageBox(rec.page);
    await expect.poll(() => rec.page.locator('[data-testid=quota-figure]').textContent()).toBe('已推荐 0/3');
    await rec.page.locator('[data-testid=action-return]').click();
    const returnDialog = rec.page.locator('[data-testid=return-dialog]');
    await returnDialog.locator('[data-testid=return-confirm]').click();
    await expect.poll(() => returnDialog.textContent()).toContain('请填写退回原因');
    const reason = '请补充近三年活动的参与人次证明材料。';
    await returnDialog.locator('textarea').fill(reason);
    await returnDialog.locator('[data-testid=return-confirm]').click();
    await expect.poll(() => rec.page.locator('[data-testid=application-status]').first().textContent()).toBe('已退回修改');
    // The applicant's pages are not for recommenders.
    await rec.page.goto(url('/applications'));
    await rec.page.locator('[data-testid=forbidden]').waitFor();
    expect(await rec.page.locator('[data-testid=forbidden]').textContent()).toContain('申报单位');
    expect(rec.errors).toEqual([]);
    await rec.context.close();

    // The applicant reads the reason, edits, and submits again.
    const back = await newContext();
    await signIn(back.page, 'applicant@demo.ssb.local');
    await back.page.goto(url('/applications'));
    await back.page.locator('[data-testid=application-item]').waitFor();
    expect(await back.page.locator('[data-testid=application-item]').textContent()).toContain(reason);
    await back.page.goto(url(`/applications/${applicationId}`));
    await back.page.locator('[data-testid=return-reason]').waitFor();
    expect(await back.page.locator('[data-testid=return-reason]').textContent()).toContain(reason);
    await back.page.locator(`${field('volunteers')} input`).fill('36');
    await back.page.locator(`${field('volunteers')} input`).blur();
    await expect.poll(() => savedState(back.page), { timeout: 10_000 }).toBe('saved');
    await screenshot(back.page, 'application-returned');
    await back.page.locator('[data-testid=action-submit]').click();
    await confirmMessageBox(back.page);
    await expect.poll(() => back.page.locator('[data-testid=application-status]').first().textContent()).toBe('已提交，待推荐');
    await back.page.locator('[data-testid=timeline-tab]').click();
    const timeline = (await back.page.locator('[data-testid=timeline]').textContent()) ?? '';
    for (const step of ['创建申报', '提交', '推荐', '撤销推荐', '退回修改', '修改后重新提交', reason, '王推荐']) expect(timeline).toContain(step);
    await screenshot(back.page, 'application-timeline');
    expect(back.errors).toEqual([]);
    await back.context.close();
  });

  test('nothing typed or uploaded is lost: reload, crash, expired session, a second tab, an interrupted upload', { timeout: 180_000 }, async () => {
    const opened = await newContext();
    const { context } = opened;
    let { page, errors } = opened;
    await signIn(page, 'applicant2@demo.ssb.local');
    const applicationId = await createApplication(page, '北京市科学技术协会');

    await page.locator(`${field('baseName')} input`).fill('材料科学家故事馆（演示）');
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe('saved');

    // Reloaded before the autosave: what was typed is there after the reload — saved as the page
    // unloaded, or else offered from the local copy.
    const scientists = `${field('scientists')} textarea`;
    await page.locator(scientists).fill('展示师昌绪等材料科学家的事迹。');
    expect(await savedState(page)).toBe('dirty');
    await page.reload();
    await page.locator(scientists).waitFor();
    await expect
      .poll(async () => (await page.locator('[data-testid=local-copy]').count()) > 0 || (await page.locator(scientists).inputValue()) !== '')
      .toBe(true);
    if ((await page.locator('[data-testid=local-copy]').count()) > 0) await page.locator('[data-testid=restore-local]').click();
    expect(await page.locator(scientists).inputValue()).toBe('展示师昌绪等材料科学家的事迹。');
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe('saved');

    // The tab crashes right after typing (no unload, no save): the next visit offers the local copy.
    const outline = `${field('exhibitionOutline')} textarea`;
    await page.locator(outline).fill('序厅、材料强国、薪火相传三个部分。');
    expect(errors).toEqual([]);
    const crashed = page.waitForEvent('crash');
    void (await context.newCDPSession(page)).send('Page.crash').catch(() => undefined);
    await crashed;
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(url(`/applications/${applicationId}`));
    await page.locator('[data-testid=local-copy]').waitFor();
    expect(await page.locator('[data-testid=local-copy]').textContent()).toContain('恢复本地未保存的内容');
    expect(await page.locator(outline).inputValue()).toBe('');
    await screenshot(page, 'draft-local-copy');
    await page.locator('[data-testid=restore-local]').click();
    expect(await page.locator(outline).inputValue()).toBe('序厅、材料强国、薪火相传三个部分。');
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe('saved');
    await page.reload();
    await page.locator(outline).waitFor();
    expect(await page.locator(outline).inputValue()).toBe('序厅、材料强国、薪火相传三个部分。');
    expect(await page.locator('[data-testid=local-copy]').count()).toBe(0);

    // The session expires while typing: sign in in a dialog, and the change is saved without leaving the page.
    await context.clearCookies({ name: 'ssb_session' });
    await page.locator(`${field('legalRepresentative')} input`).fill('赵六');
    await page.locator('[data-testid=session-dialog] input[data-testid=login-email]').waitFor({ timeout: 10_000 });
    expect(await savedState(page)).toBe('signedOut');
    await screenshot(page, 'draft-session-expired');
    await page.locator('[data-testid=session-dialog] input[data-testid=login-email]').fill('applicant2@demo.ssb.local');
    await page.locator('[data-testid=session-dialog] input[data-testid=login-password]').fill(DEMO_PASSWORD);
    await page.locator('[data-testid=session-dialog] input[data-testid=login-password]').press('Enter');
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe('saved');
    expect(page.url()).toBe(url(`/applications/${applicationId}`));
    expect(await page.locator(`${field('legalRepresentative')} input`).inputValue()).toBe('赵六');

    // Two tabs on the same draft: the second to save is told, field by field, and chooses.
    const second = await context.newPage();
    const secondErrors = watchErrors(second);
    await second.goto(url(`/applications/${applicationId}`));
    await second.locator(`${field('personInCharge')} input`).waitFor();
    await page.locator(`${field('personInCharge')} input`).fill('甲负责人');
    await expect.poll(() => savedState(page), { timeout: 10_000 }).toBe('saved');
    await second.locator(`${field('personInCharge')} input`).fill('乙负责人');
    const conflict = second.locator('[data-testid=conflict-dialog]');
    await conflict.locator('[data-testid=conflict-table]').waitFor({ timeout: 10_000 });
    const rowText = (await conflict.locator('tr[data-field=personInCharge]').textContent()) ?? '';
    expect(rowText).toContain('基地负责人');
    expect(rowText).toContain('乙负责人');
    expect(rowText).toContain('甲负责人');
    expect(await conflict.locator('tbody tr').count()).toBe(1);
    expect(await conflict.textContent()).toContain('李申报');
    await screenshot(second, 'draft-conflict');
    await conflict.locator('[data-testid=conflict-keep-mine]').click();
    await expect.poll(() => savedState(second), { timeout: 10_000 }).toBe('saved');
    await page.reload();
    await page.locator(`${field('personInCharge')} input`).waitFor();
    expect(await page.locator(`${field('personInCharge')} input`).inputValue()).toBe('乙负责人');

    expect(secondErrors).toEqual([]);
    await second.close();

    // An upload interrupted by a reload continues where it stopped once the same file is chosen again.
    await page.locator('[data-testid=materials-tab]').click();
    const slow = async () => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
    };
    await slow();
    await page.locator('input[data-testid=photo-input]').setInputFiles(media.path('photo-large.jpg'));
    const progress = page.locator('[data-testid=upload-uploading] [data-testid=upload-progress]');
    await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(20);
    // Leaving mid-upload asks first; the test says yes.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.locator('[data-testid=materials-tab]').click();
    await page.locator('[data-testid=interrupted-uploads]').waitFor();
    expect(await page.locator('[data-testid=interrupted-uploads]').textContent()).toContain('photo-large.jpg');
    await slow();
    await page.locator('input[data-testid=photo-input]').setInputFiles(media.path('photo-large.jpg'));
    await expect.poll(() => page.locator('[data-testid=upload-uploading]').textContent(), { timeout: 30_000 }).toContain('从中断处继续');
    // It starts from the bytes the server already holds, not from zero.
    const firstProgress = await progress.evaluate(
      (bar) =>
        new Promise<number>((resolve) => {
          const read = () => Number(bar.getAttribute('aria-valuenow'));
          if (read() > 0) return resolve(read());
          new MutationObserver(() => read() > 0 && resolve(read())).observe(bar, { attributes: true });
        }),
    );
    expect(firstProgress).toBeGreaterThan(20);
    await screenshot(page, 'upload-resumed');
    await expect.poll(() => page.locator('[data-testid=photo-card]').count(), { timeout: 60_000 }).toBe(1);
    expect(await page.locator('[data-testid=interrupted-uploads]').count()).toBe(0);

    expect(errors).toEqual([]);
    await context.close();
  });
});
