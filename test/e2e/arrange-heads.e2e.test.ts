// The memoised column heads of 编排 still act on the latest session: 右移 swaps the first two
// sections (saved, and the board follows), 左移 after that uses the new order, and 改名 renames.
// Headless Chromium against the real HTTP transport.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SessionView } from '../../core/contract';
import { chromiumAvailable, poll, startHarness, type Harness } from './browser';

const run = chromiumAvailable();
describe.skipIf(!run)('编排 column heads', () => {
  let h: Harness;
  let page: Page;
  let sessionId = '';
  const state = () => h.api<SessionView>('sessions.state', { sessionId });
  const heads = () =>
    page.locator('[data-testid=column]').evaluateAll((els) => els.map((e) => e.getAttribute('data-section')));
  const menu = async (column: number, item: string) => {
    await page.locator('[data-testid=column]').nth(column).getByLabel('栏目操作').click();
    await page
      .locator('.ant-dropdown:not(.ant-dropdown-hidden) .ant-dropdown-menu-item')
      .filter({ hasText: item })
      .click();
  };

  beforeAll(async () => {
    h = await startHarness();
    page = h.page;
    sessionId = (await h.api<SessionView>('sessions.create', { name: '栏目操作测试', template: 'sample' })).session.id;
    await page.context().addInitScript(
      ([token, id]) => {
        sessionStorage.setItem('huibian.token', token);
        sessionStorage.setItem('huibian.session', id);
      },
      [h.server.token, sessionId] as const,
    );
    await page.goto(`${h.server.url}/#/arrange`);
    await page.locator('[data-testid=card]').first().waitFor({ timeout: 30_000 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('右移 then 左移 act on the current order; 改名 renames', async () => {
    const s0 = (await state()).session.sections.map((s) => s.id);
    expect(s0.length).toBeGreaterThanOrEqual(2);
    await menu(0, '右移');
    const swapped = [s0[1], s0[0], ...s0.slice(2)];
    await poll(async () => (await state()).session.sections.map((s) => s.id)).toEqual(swapped);
    await poll(async () => (await heads()).slice(0, s0.length)).toEqual(swapped);
    // The second column is now the old first: 左移 must use the new order and restore the old one.
    await menu(1, '左移');
    await poll(async () => (await state()).session.sections.map((s) => s.id)).toEqual(s0);
    // The window has the latest revision before it sends the next edit (a stale one is refused, S8).
    const latest = (await state()).revision;
    await poll(async () => Number(await page.getByTestId('session-title').getAttribute('data-revision'))).toBe(latest);
    await menu(0, '改名');
    const input = page.getByPlaceholder('例如：大会发言、书面发言');
    await input.fill('改名后的栏目');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await poll(async () => (await state()).session.sections[0].title).toBe('改名后的栏目');
    await poll(() => page.locator('[data-testid=column]').first().textContent()).toContain('改名后的栏目');
    expect(h.errors).toEqual([]);
  });
});
