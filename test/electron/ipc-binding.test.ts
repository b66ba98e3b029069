// E4: the IPC binding checks the sender frame and validates arguments with the contract's schemas
// before the service is called; errors come back as Result values.
import { describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => ({}));
import { bindIpc, handleCall, handleNative } from '../../electron/main/ipc-binding';
import { contractPort } from '../../electron/main/service-host';
import { createNativeHandlers } from '../../electron/main/native-actions';
import { CHANNEL } from '../../core/contract/channel';
import { ok } from '../../core/result';

const mainFrame = { url: 'app://huibian/index.html', parent: null, routingId: 1, processId: 4 };
const trusted = { senderFrame: mainFrame, sender: { mainFrame } } as never;
const foreignFrame = { url: 'https://evil.example/', parent: null, routingId: 1, processId: 4 };
const foreign = { senderFrame: foreignFrame, sender: { mainFrame: foreignFrame } } as never;
const subFrame = { url: 'app://huibian/index.html', parent: mainFrame, routingId: 2, processId: 4 };
const child = { senderFrame: subFrame, sender: { mainFrame } } as never;

function port() {
  const call = vi.fn(async (name: string, input: unknown) => ok({ name, input }));
  return { call, port: contractPort({ call }) };
}

describe('IPC binding', () => {
  it('registers exactly the two prefixed channels and removes them', () => {
    const handlers = new Map<string, unknown>();
    const listeners = new Map<string, unknown>();
    const ipc = {
      handle: vi.fn((ch: string, fn: unknown) => handlers.set(ch, fn)),
      removeHandler: vi.fn((ch: string) => handlers.delete(ch)),
      on: vi.fn((ch: string, fn: unknown) => listeners.set(ch, fn)),
      removeListener: vi.fn((ch: string) => listeners.delete(ch)),
    };
    const off = bindIpc(ipc as never, port().port, {});
    expect([...handlers.keys()].sort()).toEqual([CHANNEL.call, CHANNEL.native].sort());
    expect([...listeners.keys()]).toEqual([CHANNEL.grant]);
    expect([...handlers.keys(), ...listeners.keys()].every((c) => c.startsWith('huibian:'))).toBe(true);
    off();
    expect(handlers.size).toBe(0);
    expect(listeners.size).toBe(0);
  });

  it('refuses a foreign origin, a subframe and a missing frame without calling the service', async () => {
    const { call, port: p } = port();
    for (const ev of [foreign, child, { senderFrame: null, sender: {} } as never]) {
      const r = await handleCall(p, ev, 'sessions.list', {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('ipc.sender');
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('refuses unknown names and invalid arguments with the contract schemas', async () => {
    const { call, port: p } = port();
    const unknown = await handleCall(p, trusted, 'fs.readFile', { path: '/etc/passwd' });
    expect(unknown.ok || unknown.error.code).toBe('ipc.unknown');
    const weird = await handleCall(p, trusted, { toString: () => 'sessions.list' }, {});
    expect(weird.ok || weird.error.code).toBe('ipc.unknown');
    const proto = await handleCall(p, trusted, '__proto__.x', {});
    expect(proto.ok || proto.error.code).toBe('ipc.unknown');
    const bad = await handleCall(p, trusted, 'sections.moveItem', {
      sessionId: 's1',
      revision: -1,
      submissionId: 'x',
      toSectionId: null,
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('ipc.invalid');
      expect(bad.error.message).toContain('revision');
    }
    expect(call).not.toHaveBeenCalled();
  });

  it('dispatches valid calls with parsed input (defaults filled) and ipc context', async () => {
    const { call, port: p } = port();
    const r = await handleCall(p, trusted, 'compile.start', { sessionId: 's1' });
    expect(r.ok).toBe(true);
    expect(call).toHaveBeenCalledWith(
      'compile.start',
      { sessionId: 's1', formats: ['pdf'] },
      { transport: 'ipc', allowPaths: true },
    );
    const three = await handleCall(p, trusted, 'sessions.trash.list', {});
    expect(three.ok).toBe(true);
  });

  it('turns a throwing service into an error value', async () => {
    const p = contractPort({
      call: async () => {
        throw new Error('boom');
      },
    });
    const r = await handleCall(p, trusted, 'sessions.list', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('boom');
  });

  it('native actions: sender checked, schema checked, paths outside roots refused', async () => {
    const shell = { openPath: vi.fn(async () => ''), openExternal: vi.fn(async () => {}) };
    const dialog = {
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/u/out/汇编.pdf' })),
    };
    const roots = ['/data/huibian'];
    const natives = createNativeHandlers({ dialog: dialog as never, shell: shell as never, window: () => null, roots });
    expect((await handleNative(natives, foreign, 'openFolder', { path: '/data/huibian' })).ok).toBe(false);
    expect((await handleNative(natives, trusted, 'openFolder', { path: 42 })).ok).toBe(false);
    expect((await handleNative(natives, trusted, 'constructor', {})).ok).toBe(false);
    for (const path of [
      '/etc',
      '/data/huibian/../../etc',
      'relative/path',
      '\\\\server\\share',
      '/data/huibian-other',
    ]) {
      const r = await handleNative(natives, trusted, 'openFolder', { path });
      expect(r.ok, path).toBe(false);
    }
    expect(shell.openPath).not.toHaveBeenCalled();
    expect((await handleNative(natives, trusted, 'openFolder', { path: '/data/huibian/s1/output' })).ok).toBe(true);
    expect(shell.openPath).toHaveBeenCalledWith('/data/huibian/s1');
    expect((await handleNative(natives, trusted, 'printPdf', { path: '/data/huibian/s1/x.exe' })).ok).toBe(false);
    expect((await handleNative(natives, trusted, 'printPdf', { path: '/data/huibian/s1/汇编.pdf' })).ok).toBe(true);
    expect((await handleNative(natives, trusted, 'readOutput', { path: '/etc/passwd' })).ok).toBe(false);
    expect((await handleNative(natives, trusted, 'readOutput', { path: '/data/huibian/../../etc/x.pdf' })).ok).toBe(
      false,
    );
    // A folder the user chose in the save dialog becomes openable.
    expect((await handleNative(natives, trusted, 'openFolder', { path: '/home/u/out' })).ok).toBe(false);
    const saved = await handleNative(natives, trusted, 'pickSavePath', {
      defaultName: '汇编.pdf',
      extensions: ['pdf'],
    });
    expect(saved).toEqual({ ok: true, value: '/home/u/out/汇编.pdf' });
    expect((await handleNative(natives, trusted, 'openFolder', { path: '/home/u/out' })).ok).toBe(true);
  });

  it('openExternal only for https on the allow-list', async () => {
    const shell = { openPath: vi.fn(), openExternal: vi.fn(async () => {}) };
    const natives = createNativeHandlers({ dialog: {} as never, shell: shell as never, window: () => null, roots: [] });
    for (const url of [
      'file:///C:/Windows/system32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'http://www.cppcc.gov.cn/',
      'https://evil.example/',
      'https://user:pw@www.cppcc.gov.cn/',
      'ms-msdt:/id',
    ]) {
      const r = await handleNative(natives, trusted, 'openExternal', { url });
      expect(r.ok, url).toBe(false);
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect((await handleNative(natives, trusted, 'openExternal', { url: 'https://www.cppcc.gov.cn/zxww/' })).ok).toBe(
      true,
    );
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });
});

describe('dropped folders', () => {
  it('expand to their documents (files before subfolders, four levels, no hidden or lock files); named files are kept', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { expandDocumentPaths } = await import('../../electron/main/native-actions');
    const root = mkdtempSync(join(tmpdir(), 'huibian-drop-'));
    mkdirSync(join(root, '第二批', '补交', '更深', '太深'), { recursive: true });
    for (const f of [
      'b.docx',
      'a.pdf',
      '~$a.docx',
      '.hidden.txt',
      'notes.xlsx',
      '第二批/c.wps',
      '第二批/补交/d.md',
      '第二批/补交/更深/e.txt',
      '第二批/补交/更深/太深/f.txt',
    ])
      writeFileSync(join(root, f), 'x');
    const single = join(root, 'notes.xlsx');
    expect(await expandDocumentPaths([root, single])).toEqual([
      join(root, 'a.pdf'),
      join(root, 'b.docx'),
      join(root, '第二批', 'c.wps'),
      join(root, '第二批', '补交', 'd.md'),
      join(root, '第二批', '补交', '更深', 'e.txt'),
      single,
    ]);
  });
});
