// Issue 13, point 6: layout settings are validated where they are changed (settings.update refuses
// a text block that leaves the paper, lines that overlap at the body size, characters that do not
// fit the width — with per-field errors a form can show at the field), and the compile preflight
// (印前检查) names layout problems of a session saved before these checks existed.
import { describe, expect, it } from 'vitest';
import { createDispatcher, createLocalClient } from '../../core/contract';
import { checkLayout, layoutWarnings } from '../../core/model/settings-check';
import { defaultLayoutSettings } from '../../core/model/settings';
import { createService } from '../../core/service/service';
import { memoryPorts } from '../../core/service/memory-ports';
import { testCompiler } from '../contract/test-compiler';
import { must } from '../helpers/result';

function setup() {
  const ports = memoryPorts();
  ports.compiler = testCompiler(ports.outputs);
  const service = createService(ports);
  return { ports, service, client: createLocalClient(createDispatcher(service)) };
}

describe('issue 13 · layout settings', () => {
  it('the defaults, the GB/T 9704 grid, pass', () => {
    expect(checkLayout(defaultLayoutSettings())).toEqual([]);
  });

  const refused: [string, Record<string, number>, string, RegExp][] = [
    [
      '天头 250 mm with a 225 mm block',
      { marginTop: 250 },
      'layout.marginTop',
      /天头 250 mm.*超过纸张高度 297 mm；天头最多 72 mm/,
    ],
    [
      '18 pt body, 28 characters in 156 mm',
      { bodySize: 18 },
      'layout.charsPerLine',
      /每行 28 字 × 18 磅.*超过版心宽 156 mm；.*每行最多 25 字/,
    ],
    ['0 lines a page', { linesPerPage: 0 }, 'layout.linesPerPage', /[\u4e00-\u9fff]/],
    [
      '45 lines of 16 pt in 225 mm',
      { linesPerPage: 45 },
      'layout.linesPerPage',
      /行距 14.2 磅小于正文字号 16 磅.*最多 39 行/,
    ],
    ['22 lines at a 30 pt pitch', { linePitchPt: 30 }, 'layout.linesPerPage', /超过版心高 225 mm；每页最多 21 行/],
    ['a block wider than the paper', { blockWidth: 230 }, 'layout.blockWidth', /版心宽 230 mm 超过纸张宽度 210 mm/],
    ['a binding margin pushing the block off the paper', { marginInner: 60 }, 'layout.marginInner', /订口最多 54 mm/],
  ];
  for (const [label, patch, field, message] of refused) {
    it(`settings.update refuses ${label}, naming the field`, async () => {
      const { client, service } = setup();
      const v = must(await client.call('sessions.create', { name: '版式' }));
      const r = await client.call('settings.update', { sessionId: v.session.id, revision: v.revision, layout: patch });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // Out of the type's range (0 lines) the schema refuses first: contract.bad-input, same fields.
      expect(r.error.code).toBe(patch.linesPerPage === 0 ? 'contract.bad-input' : 'settings.invalid');
      const f = r.error.fields?.find((x) => x.field === field);
      expect(f, JSON.stringify(r.error)).toBeDefined();
      expect(f!.message).toMatch(message);
      expect(r.error.message).not.toMatch(/Too big|Too small|expected/);
      const now = must(await client.call('sessions.state', { sessionId: v.session.id }));
      expect(now.revision).toBe(v.revision);
      expect(now.session.layout).toEqual(v.session.layout);
      await service.dispose();
    });
  }

  it('a good change is saved; a bad old layout can be fixed one field at a time', async () => {
    const { client, ports, service } = setup();
    const v = must(await client.call('sessions.create', { name: '旧版式' }));
    const good = must(
      await client.call('settings.update', {
        sessionId: v.session.id,
        revision: v.revision,
        layout: { marginTop: 35 },
      }),
    );
    expect(good.session.layout.marginTop).toBe(35);
    // A session saved before the checks: two problems at once.
    await service.dispose();
    const stored = ports.storage;
    const open = must(await stored.open(v.session.id));
    if (open.status !== 'ok') throw new Error('expected ok');
    must(
      await stored.save(
        v.session.id,
        { ...open.session, layout: { ...open.session.layout, marginTop: 250, bodySize: 18 } },
        open.revision + 1,
      ),
    );
    const again = createService(ports);
    const client2 = createLocalClient(createDispatcher(again));
    const o = must(await client2.call('sessions.open', { sessionId: v.session.id }));
    if (o.status !== 'open') throw new Error('expected open');
    const fix1 = must(
      await client2.call('settings.update', {
        sessionId: v.session.id,
        revision: o.view.revision,
        layout: { marginTop: 37 },
      }),
    );
    const fix2 = must(
      await client2.call('settings.update', {
        sessionId: v.session.id,
        revision: fix1.revision,
        layout: { charsPerLine: 24 },
      }),
    );
    expect(checkLayout(fix2.session.layout)).toEqual([]);
    await again.dispose();
  });

  it('印前检查 names layout problems: before compiling and in the compile warnings', async () => {
    const l = { ...defaultLayoutSettings(), marginTop: 250, bodySize: 18 };
    const w = layoutWarnings({ layout: l });
    expect(w.map((x) => x.code)).toEqual(['layout.invalid', 'layout.invalid']);
    expect(w[0].message).toMatch(/^版式设置（会议信息 → 天头）：/);
    expect(w[1].message).toMatch(/^版式设置（会议信息 → 每行字数）：/);

    const { client, ports, service } = setup();
    const v = must(await client.call('sessions.create', { name: '印前' }));
    await service.dispose();
    const open = must(await ports.storage.open(v.session.id));
    if (open.status !== 'ok') throw new Error('expected ok');
    must(await ports.storage.save(v.session.id, { ...open.session, layout: l }, open.revision + 1));
    const s2 = createService(ports);
    const c2 = createLocalClient(createDispatcher(s2));
    must(await c2.call('sessions.open', { sessionId: v.session.id }));
    const job = must(await c2.call('compile.start', { sessionId: v.session.id }));
    let st = job;
    for (let i = 0; i < 200 && st.state !== 'done' && st.state !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      st = must(await c2.call('compile.status', { jobId: job.jobId }))!;
    }
    expect(st.state).toBe('done');
    expect(st.result?.warnings.filter((x) => x.code === 'layout.invalid').map((x) => x.message)).toEqual(
      w.map((x) => x.message),
    );
    await s2.dispose();
  });
});
