// 网上报送 in headless Chromium: a member on a phone (390×844) opens their link, uploads a Word
// file, sees the receipt and the detected title, corrects the title, replaces the file; the clerk's
// 材料收集 board (1440×900) marks the member 网上报送 within a second of the upload, and the
// 网上报送 screen lists the links and the log. Screenshots at both sizes are kept and looked at.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, nav, openFirstSession, shot, startHarness, type Harness } from './browser';
import { speechDocx, startPortal, type PortalFixture } from '../portal/fixtures';

const run = chromiumAvailable();

describe.skipIf(!run)('网上报送 (E2E)', () => {
  let f: PortalFixture;
  let h: Harness;
  let phone: Page;
  let clerk: Page;
  const files = join(tmpdir(), `huibian-portal-e2e-${process.pid}`);

  beforeAll(async () => {
    mkdirSync(files, { recursive: true });
    writeFileSync(
      join(files, '丁建国-发言.docx'),
      await speechDocx('关于加强齐文化遗址保护的建议', '市政协常委 丁建国'),
    );
    writeFileSync(
      join(files, '丁建国-发言-修改稿.docx'),
      await speechDocx('关于加强齐文化遗址保护利用的建议', '市政协常委 丁建国', '修改后的正文。'),
    );
    // The portal answers a withdrawn or bad link with a 4xx: the browser logs it, the app is fine.
    h = await startHarness({
      start: async (staticDir) => (f = await startPortal({ staticDir })),
      ignoreConsole: /status of 4\d\d|^Warning: \[antd:/,
    });
    clerk = h.page;
    phone = await h.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('the clerk sees the links; the member uploads, corrects, replaces; the board follows live', async () => {
    // The clerk: open the session, 网上报送 lists every member's link.
    await clerk.goto(f.server.openUrl);
    await openFirstSession(clerk);
    await nav(clerk, '网上报送');
    await clerk.getByTestId('portal-screen').getByText('丁建国').first().waitFor();
    expect(await clerk.getByTestId('copy-notice').count()).toBe(3);
    await clerk.getByText('正在接收').waitFor();
    await shot(clerk, 'portal-clerk-1440');
    await clerk.setViewportSize({ width: 1024, height: 768 });
    await shot(clerk, 'portal-clerk-1024');
    await clerk.setViewportSize({ width: 1440, height: 900 });
    await nav(clerk, '材料收集');
    await clerk.getByTestId('board').waitFor();
    expect(await clerk.getByTestId('via-portal').count()).toBe(0);

    // The member, on a phone.
    const me = f.links.find((l) => l.name === '丁建国')!;
    await phone.goto(me.url);
    await phone.getByText('丁建国 委员').waitFor();
    await phone.getByText('还没有收到您的材料').waitFor();
    await shot(phone, 'portal-phone-1-empty');
    await phone.locator('#kind').selectOption('written');
    const t0 = Date.now();
    await phone.locator('#file').setInputFiles(join(files, '丁建国-发言.docx'));
    await phone.locator('.receipt').first().waitFor({ timeout: 20_000 });
    expect(await phone.locator('.receipt').first().textContent()).toMatch(/回执编号\d{4}-0001/);
    await phone.locator('.item .t').filter({ hasText: '关于加强齐文化遗址保护的建议' }).waitFor();
    await shot(phone, 'portal-phone-2-receipt');

    // The clerk's board marks it without a reload, within a second of the upload's answer.
    const answered = Date.now();
    await clerk.getByTestId('via-portal').first().waitFor({ timeout: 5_000 });
    const boardMs = Date.now() - answered;
    console.log(`[portal e2e] upload answered after ${answered - t0} ms; board updated ${boardMs} ms later`);
    expect(boardMs).toBeLessThan(1_000);
    await shot(clerk, 'portal-board-1440');

    // The member corrects the title.
    await phone.getByRole('button', { name: '修改标题/署名' }).click();
    const title = phone.locator('form.edit input[name=title]');
    await title.fill('关于加强齐文化遗址保护与活化利用的建议');
    await phone.getByRole('button', { name: '保存修改' }).click();
    await phone.locator('.item .t').filter({ hasText: '保护与活化利用' }).waitFor();
    await shot(phone, 'portal-phone-3-corrected');

    // …and replaces the file: a second receipt, the item keeps its place, one old version kept.
    await phone.locator('.item input[type=file]').setInputFiles(join(files, '丁建国-发言-修改稿.docx'));
    await phone.locator('.receipt').nth(1).waitFor({ timeout: 20_000 });
    await phone.getByText(/已更换/).waitFor();
    await shot(phone, 'portal-phone-4-replaced');
    const s = await f.client.call('sessions.state', { sessionId: f.sessionId });
    if (!s.ok) throw new Error(s.error.message);
    const mine = s.value.session.submissions.filter((x) => x.memberIds.includes(me.memberId));
    expect(mine).toHaveLength(1);
    expect(mine[0].receivedVia).toBe('portal');
    expect(mine[0].kind).toBe('written');
    expect(mine[0].versions).toHaveLength(1);

    // The clerk's log shows all three actions.
    await nav(clerk, '网上报送');
    await clerk.getByText('更换文件').waitFor();
    expect(await clerk.getByText('修改标题/署名').count()).toBeGreaterThan(0);
    expect(h.errors).toEqual([]);
  });

  it('tells a member with a withdrawn link what to do', async () => {
    const who = f.links.find((l) => l.name === '孙喆')!;
    const r = await f.client.call('portal.revoke', { sessionId: f.sessionId, memberId: who.memberId, reissue: true });
    expect(r.ok).toBe(true);
    await phone.goto(who.url);
    await phone.getByText('此链接已被秘书处收回，请使用新发给您的链接').waitFor();
    await shot(phone, 'portal-phone-5-revoked');
  });
});
