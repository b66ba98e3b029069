// The compile warm-up: after a session opens, the Compiler port's warm() gets the session's
// placed items with their bodies, once per session, in the background; a real compile stops it
// (its signal aborts) and a session that already compiled is not warmed. Also the trimmed subset.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatcher, createLocalClient } from '../../core/contract';
import { createService, type Service } from '../../core/service/service';
import { memoryPorts } from '../../core/service/memory-ports';
import { WARM_DELAY_MS, warmSubset } from '../../core/service/compile-warmup';
import type { Compiler } from '../../core/service/ports';
import type { Session } from '../../core/model/session';
import type { SourceDoc } from '../../core/model/document';
import { toBase64 } from '../../core/bytes/base64';
import { must } from '../helpers/result';

const enc = new TextEncoder();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface WarmCall {
  session: Session;
  docs: Map<string, SourceDoc>;
  signal: AbortSignal;
}

function fakeCompiler(opts: { hold?: boolean } = {}): Compiler & { warms: WarmCall[] } {
  const warms: WarmCall[] = [];
  return {
    warms,
    async compile() {
      return { ok: true, value: { pageCount: 1, items: [], warnings: [] } };
    },
    async warm(session, docs, signal) {
      warms.push({ session, docs, signal });
      // A long warm-up ends when its signal aborts (as the real engine does at its next item).
      if (opts.hold)
        await new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r())));
    },
  };
}

async function sessionWithItems(compiler: Compiler): Promise<{ service: Service; id: string; revision: number }> {
  const service = createService(memoryPorts({ compiler }));
  const c = createLocalClient(createDispatcher(service));
  const v = must(await c.call('sessions.create', { name: '预热' }));
  const withSec = must(
    await c.call('sections.create', { sessionId: v.session.id, revision: v.revision, title: '大会发言' }),
  );
  const sec = withSec.session.sections[0].id;
  const files = ['甲', '乙', '丙'].map((n) => ({
    name: `${n}.txt`,
    data: toBase64(enc.encode(`关于${n}的发言\n\n${n}委员的正文。`)),
  }));
  const imp = must(
    await c.call('submissions.import', { sessionId: v.session.id, revision: withSec.revision, files, sectionId: sec }),
  );
  return { service, id: v.session.id, revision: imp.revision };
}

describe('compile warm-up', () => {
  let service: Service | undefined;
  afterEach(async () => {
    await service?.dispose();
    service = undefined;
  });

  it('warms the placed items with their bodies once, a moment after the session opens', async () => {
    const compiler = fakeCompiler();
    const s = await sessionWithItems(compiler);
    service = s.service;
    const c = createLocalClient(createDispatcher(service));
    // (A warm-up due from sessions.create that found nothing placed yet leaves it to this open.)
    must(await c.call('sessions.open', { sessionId: s.id }));
    await sleep(WARM_DELAY_MS + 150);
    expect(compiler.warms).toHaveLength(1);
    const w = compiler.warms[0];
    const placed = w.session.sections.flatMap((x) => x.items);
    expect(placed).toHaveLength(3);
    expect([...w.docs.keys()].sort()).toEqual([...placed].sort());
    for (const d of w.docs.values()) expect(d.blocks.length).toBeGreaterThan(0);
    // Opening again does not warm again.
    must(await c.call('sessions.open', { sessionId: s.id }));
    await sleep(WARM_DELAY_MS + 100);
    expect(compiler.warms).toHaveLength(1);
  });

  it('a real compile aborts a warm-up in progress', async () => {
    const compiler = fakeCompiler({ hold: true });
    const s = await sessionWithItems(compiler);
    service = s.service;
    await sleep(WARM_DELAY_MS + 150);
    expect(compiler.warms).toHaveLength(1);
    expect(compiler.warms[0].signal.aborted).toBe(false);
    const c = createLocalClient(createDispatcher(service));
    must(await c.call('compile.start', { sessionId: s.id, formats: ['pdf'] }));
    expect(compiler.warms[0].signal.aborted).toBe(true);
  });

  it('dispose cancels a scheduled warm-up; no compiler warm() means nothing happens', async () => {
    const compiler = fakeCompiler();
    const s = await sessionWithItems(compiler);
    await s.service.dispose();
    await sleep(WARM_DELAY_MS + 100);
    expect(compiler.warms).toHaveLength(0);
    const bare: Compiler = {
      compile: vi.fn(async () => ({ ok: true as const, value: { pageCount: 1, items: [], warnings: [] } })),
    };
    const t = await sessionWithItems(bare);
    service = t.service;
    await sleep(WARM_DELAY_MS + 100);
    expect(bare.compile).not.toHaveBeenCalled();
  });

  it('warmSubset keeps the first items in reading order and drops emptied sections', () => {
    const s = {
      sections: [
        { id: 'a', items: ['1', '2'] },
        { id: 'b', items: ['3', '4', '5'] },
        { id: 'c', items: ['6'] },
      ],
    } as unknown as Session;
    expect(warmSubset(s, 4).sections.map((x) => [x.id, x.items])).toEqual([
      ['a', ['1', '2']],
      ['b', ['3', '4']],
    ]);
    expect(warmSubset(s, 100).sections.flatMap((x) => x.items)).toHaveLength(6);
  });
});
