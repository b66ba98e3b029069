// The dispatcher is the one gate for every transport: it validates input and output, turns
// throws into error values, hands out copies, and never lets a listener's bug escape.
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers, type ServiceImpl } from '../../core/contract';
import { Emitter } from '../../core/service/emitter';
import { createService } from '../../core/service/service';
import { memoryPorts } from '../../core/service/memory-ports';

function fakeService(overrides: Partial<Handlers>): ServiceImpl & { emitter: Emitter } {
  const real = createService(memoryPorts());
  const emitter = new Emitter();
  return { handlers: { ...real.handlers, ...overrides }, events: emitter, emitter };
}

describe('dispatcher', () => {
  it('turns a throwing handler into an internal error value', async () => {
    const d = createDispatcher(
      fakeService({
        'sessions.list': async () => {
          throw new Error('boom');
        },
      }),
    );
    const r = await d.call('sessions.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('internal');
      expect(r.error.message).toContain('boom');
    }
  });

  it('refuses output that breaks its schema (contract.bad-output)', async () => {
    const d = createDispatcher(
      fakeService({ 'sessions.list': async () => ({ ok: true, value: [{ id: '' }] }) as never }),
    );
    const r = await d.call('sessions.list', {});
    expect(!r.ok && r.error.code).toBe('contract.bad-output');
  });

  it('names the bad fields of an input in Chinese', async () => {
    const d = createDispatcher(fakeService({}));
    const r = await d.call('sections.rename', { sessionId: 's', revision: -1, sectionId: '', title: '' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('contract.bad-input');
      expect(r.error.message).toMatch(/sections\.rename 的参数有误：.*revision/);
    }
    const notObject = await d.call('sessions.list', 'x');
    expect(!notObject.ok && notObject.error.code).toBe('contract.bad-input');
  });

  it("hands out copies, never the service's own objects", async () => {
    const shared = [{ id: 's1', name: '会议', theme: '', date: '2026-12-01', submissionCount: 0, memberCount: 0 }];
    const d = createDispatcher(fakeService({ 'sessions.list': async () => ({ ok: true, value: shared }) }));
    const r = await d.call('sessions.list', {});
    if (!r.ok) throw new Error('expected ok');
    (r.value as { name: string }[])[0].name = '被改了';
    expect(shared[0].name).toBe('会议');
  });

  it('validates event payloads and isolates a throwing listener', () => {
    const svc = fakeService({});
    const d = createDispatcher(svc);
    const got: unknown[] = [];
    d.on('session.changed', () => {
      throw new Error('listener bug');
    });
    d.on('session.changed', (p) => got.push(p));
    svc.emitter.emit('session.changed', { sessionId: 's', revision: 3, save: { state: 'saved' } });
    svc.emitter.emit('session.changed', { sessionId: 's' } as never);
    expect(got).toEqual([{ sessionId: 's', revision: 3, save: { state: 'saved' } }]);
    expect(d.on('no.such.event', () => undefined)).toBeTypeOf('function');
  });
});
