// Issue 14 end to end in headless Chromium (browser build, real HTTP service), the first run: a tab
// without the token, favicon, one-click sample, 使用说明 from every screen, 会议信息 (号/磅,
// DatePicker, sample page and cover, autosave and the leave guard, no unhandled rejection).
// Every screen is photographed at 1440×900 and 1024×768 into test-output/screenshots/clerk-*.
// The rest of issue 14 (names, import, 编排, preview, print, 统计) is in clerk-session.e2e.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SessionView } from '../../core/contract';
import { chromiumAvailable, nav, poll, type Harness } from './browser';
import { shots, startClerk } from './clerk-kit';

const run = chromiumAvailable();

let h: Harness;
let page: Page;
let sessionId = '';
let notFound: string[] = [];

const state = () => h.api<SessionView>('sessions.state', { sessionId });
const saved = () => poll(() => page.getByTestId('save-state').textContent()).toBe('已保存');

describe.skipIf(!run)('issue 14: the app as clerks live in it — first run', () => {
  beforeAll(async () => {
    ({ h, notFound } = await startClerk());
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a tab without the token says how to open the app (no spinner, no live buttons)', async () => {
    const tab = await page.context().newPage();
    await tab.goto(h.server.url);
    await tab.getByTestId('no-access').waitFor();
    expect(await tab.getByText('请从启动汇编时显示的地址打开').count()).toBe(1);
    expect(await tab.locator('.ant-menu-item').count()).toBe(0);
    expect(await tab.locator('.ant-spin').count()).toBe(0);
    await shots(tab, '00-no-token');
    await tab.close();
  });

  it('has a favicon, and opens the sample in one click from the empty state', async () => {
    await page.goto(h.server.openUrl);
    await page.getByTestId('empty-open-sample').waitFor();
    const icon = await page.evaluate(async () => {
      const link = document.querySelector('link[rel=icon]') as HTMLLinkElement;
      const r = await fetch(link.href);
      return { status: r.status, type: r.headers.get('content-type') };
    });
    expect(icon).toEqual({ status: 200, type: 'image/svg+xml' });
    await shots(page, '01-sessions-empty');
    await page.getByTestId('empty-open-sample').click();
    await page.locator('[data-screen=arrange] [data-testid=card]').first().waitFor();
    const list = await h.api<{ id: string; name: string }[]>('sessions.list', {});
    expect(list).toHaveLength(1);
    sessionId = list[0].id;
    expect((await state()).session.submissions.length).toBeGreaterThan(20);
    // A second click opens the same sample instead of making another.
    await nav(page, '会议');
    await page.getByTestId('open-sample').click();
    await page.locator('[data-screen=arrange]').waitFor();
    expect(await h.api<unknown[]>('sessions.list', {})).toHaveLength(1);
    await saved();
  });

  it('使用说明 is one click (or F1) away on every screen and leads to each step', async () => {
    for (const label of ['会议', '会议信息', '委员名单', '材料收集', '编排', '预览与生成', '统计']) {
      await nav(page, label);
      await page.getByTestId('help-open').waitFor();
    }
    await page.getByTestId('help-open').click();
    const drawer = page.getByTestId('help');
    await drawer.waitFor();
    expect(await drawer.getByTestId('help-step').count()).toBe(5);
    const titles = await drawer.locator('.ant-steps-item-title').allTextContents();
    expect(titles).toEqual(['新建会议', '导入名单', '收集材料', '编排', '生成']);
    await shots(page, '02-help');
    await drawer.getByRole('button', { name: '去“材料收集”' }).click();
    await page.locator('[data-screen=intake]').waitFor();
    await page.keyboard.press('F1');
    await drawer.waitFor();
    await page.locator('.ant-drawer-close').click();
    await poll(() => page.locator('.ant-drawer-mask:visible').count()).toBe(0);
  });

  it('会议信息: sizes in 号 and 磅, a zh-CN date picker, a sample page that keeps every character, a cover', async () => {
    await nav(page, '会议信息');
    await page.getByTestId('sample-page').waitFor();
    const s = (await state()).session;
    const haos = await page.getByTestId('size-hao').allTextContents();
    expect(haos[0]).toBe({ 16: '三号', 22: '二号' }[s.layout.bodySize as 16 | 22]);
    expect(haos[1]).toBe({ 16: '三号', 22: '二号' }[s.layout.titleSize as 16 | 22]);
    // 三号 → 四号 sets 14 磅 in the number box beside it.
    await page.getByTestId('size-hao').first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^四号$/ })
      .click();
    await poll(() => page.getByLabel('字号（磅）').first().inputValue()).toBe('14');
    await poll(async () => (await state()).session.layout.bodySize, { timeout: 10_000 }).toBe(14);
    await page.keyboard.press('Escape');
    await page.getByTestId('save-state').click();
    await page.keyboard.press('Control+z');
    await poll(async () => (await state()).session.layout.bodySize).toBe(16);
    await poll(() => page.getByTestId('size-hao').first().textContent()).toBe('三号');
    // The date: antd DatePicker, shown the Chinese way.
    expect(await page.locator('input#date').inputValue()).toBe('2023年9月20日');
    await page.locator('input#date').click();
    expect(await page.locator('.ant-picker-dropdown:visible').textContent()).toContain('2023年');
    await page.keyboard.press('Escape');
    // The sample page: no character lost at a line end, no line starting with "，".
    const lines = await page.getByTestId('sample-line').allTextContents();
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join('')).toContain('市政协组织部分委员');
    for (const l of lines) expect('，。、；：'.includes(l.trim()[0]), l).toBe(false);
    await shots(page, '03-info');
    await page.getByTestId('sketch-kind').getByText('封面示意').click();
    const cover = page.getByTestId('cover-sketch');
    await cover.waitFor();
    expect(await cover.textContent()).toContain(s.name);
    expect(await cover.textContent()).toContain('二〇二三年九月');
    // Typing changes the cover at once and is saved by itself shortly after.
    await page.locator('#theme').fill('齐文化传承与创新发展');
    await poll(() => cover.textContent()).toContain('齐文化传承与创新发展');
    await poll(async () => (await state()).session.theme, { timeout: 10_000 }).toBe('齐文化传承与创新发展');
    await saved();
    await shots(page, '03b-info-cover');
  });

  it('an empty 会议名称 stays at its field: no unhandled rejection, no false 已保存, leaving asks first', async () => {
    const before = h.errors.length;
    const name = (await state()).session.name;
    await page.locator('#name').fill('');
    await poll(() => page.getByTestId('save-state').textContent()).toBe('有未保存的输入');
    await page.getByTestId('save-info').click();
    await page.getByText('请填写会议名称').waitFor();
    await page.waitForTimeout(1200);
    expect(h.errors.slice(before)).toEqual([]);
    expect((await state()).session.name).toBe(name);
    await nav(page, '统计');
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '有尚未保存的输入' });
    await ask.waitFor();
    await ask.getByRole('button', { name: '留在此页' }).click();
    expect(await page.locator('[data-screen=info]').count()).toBe(1);
    await page.locator('#name').fill(name);
    await saved();
    await nav(page, '委员名单');
    await page.locator('[data-screen=roster]').waitFor();
    expect(await page.locator('.ant-modal-confirm').count()).toBe(0);
  });

  it('the console stayed clean: no 404 (favicon), no unhandled rejection, no page error', () => {
    expect(notFound).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
