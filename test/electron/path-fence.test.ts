// Issue 13, point 3: the Electron window may name only local paths it was given — picked in a
// native dialog, dropped on the window (granted through the preload), handed over by the OS — or
// paths inside the app's own folders. Reads ({ path } inputs, expandPaths, font files) and writes
// (targetPath) outside those are refused before the service runs. Electron is mocked.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => ({}));
import { handleCall, handleGrant, handleNative } from '../../electron/main/ipc-binding';
import { createNativeHandlers } from '../../electron/main/native-actions';
import { PathGrants } from '../../electron/main/path-grants';
import { contractPort } from '../../electron/main/service-host';
import { ok } from '../../core/result';

const mainFrame = { url: 'app://huibian/index.html', parent: null, routingId: 1, processId: 4 };
const trusted = { senderFrame: mainFrame, sender: { mainFrame } } as never;
const foreignFrame = { url: 'https://evil.example/', parent: null, routingId: 1, processId: 4 };

function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'hb-fence-'));
  const dataDir = path.join(root, 'data');
  const userDir = path.join(root, 'user');
  mkdirSync(dataDir);
  mkdirSync(path.join(userDir, 'sub'), { recursive: true });
  for (const f of ['a.docx', 'b.docx', 'sub/c.docx', 'secret.key']) writeFileSync(path.join(userDir, f), 'x');
  const grants = new PathGrants([dataDir]);
  const call = vi.fn(async (name: string) =>
    name === 'fonts.list'
      ? ok({
          builtin: [],
          installed: [
            { ref: { file: '/usr/share/fonts/fang.ttf', postscriptName: 'F', label: 'F' }, label: 'F', family: 'F' },
          ],
        })
      : ok({}),
  );
  const port = contractPort({ call }, grants);
  const picks: { open: string[]; save: string } = { open: [], save: '' };
  const natives = createNativeHandlers({
    dialog: {
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: picks.open })),
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: picks.save })),
    } as never,
    shell: { openPath: vi.fn(async () => ''), openExternal: vi.fn() } as never,
    window: () => null,
    roots: [dataDir],
    grants,
  });
  const importPath = (p: string) =>
    handleCall(port, trusted, 'submissions.import', { sessionId: 's', revision: 0, files: [{ path: p }] });
  const exportTo = (p: string) => handleCall(port, trusted, 'bundle.export', { sessionId: 's', targetPath: p });
  return { root, dataDir, userDir, grants, call, natives, picks, importPath, exportTo };
}

const refused = (r: { ok: boolean; error?: { code: string; message: string } }, code = 'file.path-refused') => {
  expect(r.ok).toBe(false);
  expect(r.error?.code).toBe(code);
  expect(r.error?.message).toMatch(/[\u4e00-\u9fff]/);
};

describe('issue 13 · Electron path fence', () => {
  it('refuses reads and writes of paths the window was never given; the service is not called', async () => {
    const e = setup();
    refused(await e.importPath('/etc/passwd'));
    refused(await e.importPath(path.join(e.userDir, 'a.docx')));
    refused(
      await handleCall(contractPort({ call: e.call }, e.grants), trusted, 'bundle.import', {
        file: { path: '/etc/shadow' },
      }),
    );
    refused(
      await handleCall(contractPort({ call: e.call }, e.grants), trusted, 'roster.import', {
        sessionId: 's',
        revision: 0,
        file: { path: '/root/.ssh/id_rsa' },
      }),
    );
    refused(await e.exportTo('/etc/cron.d/huibian'));
    refused(
      await handleCall(contractPort({ call: e.call }, e.grants), trusted, 'export.pdf', {
        sessionId: 's',
        targetPath: path.join(e.userDir, 'x.pdf'),
      }),
    );
    refused(
      await handleCall(contractPort({ call: e.call }, e.grants), trusted, 'settings.update', {
        sessionId: 's',
        revision: 0,
        layout: { fonts: { fang: { file: '/home/u/.ssh/id_rsa' } } },
      }),
    );
    refused(await handleNative(e.natives, trusted, 'expandPaths', { paths: ['/home'] }));
    expect(e.call).not.toHaveBeenCalled();
  });

  it('accepts the app folder, and what the user picked, saved to, dropped or listed as a font', async () => {
    const e = setup();
    expect((await e.importPath(path.join(e.dataDir, 'sessions', 'x', 'files', 'a.pdf'))).ok).toBe(true);
    expect((await e.exportTo(path.join(e.dataDir, 'out.zip'))).ok).toBe(true);

    // A file picked in the open dialog: readable; its sibling and a write to it are not.
    e.picks.open = [path.join(e.userDir, 'a.docx')];
    expect((await handleNative(e.natives, trusted, 'pickFiles', { multi: true })).ok).toBe(true);
    expect((await e.importPath(path.join(e.userDir, 'a.docx'))).ok).toBe(true);
    refused(await e.importPath(path.join(e.userDir, 'b.docx')));
    refused(await e.exportTo(path.join(e.userDir, 'a.docx')));

    // A save-dialog choice: that exact file may be written, not its neighbour.
    e.picks.save = path.join(e.userDir, '交接.huibian.zip');
    expect(
      (await handleNative(e.natives, trusted, 'pickSavePath', { defaultName: '交接.huibian.zip', extensions: ['zip'] }))
        .ok,
    ).toBe(true);
    expect((await e.exportTo(path.join(e.userDir, '交接.huibian.zip'))).ok).toBe(true);
    refused(await e.exportTo(path.join(e.userDir, 'other.zip')));

    // A dropped file (granted by the preload's synchronous message) — only from our own window.
    const ev = { senderFrame: mainFrame, sender: { mainFrame }, returnValue: undefined as unknown };
    handleGrant(e.grants, ev as never, path.join(e.userDir, 'b.docx'));
    expect(ev.returnValue).toBe(true);
    expect((await e.importPath(path.join(e.userDir, 'b.docx'))).ok).toBe(true);
    const evil = { senderFrame: foreignFrame, sender: { mainFrame: foreignFrame }, returnValue: undefined as unknown };
    handleGrant(e.grants, evil as never, '/etc/passwd');
    expect(evil.returnValue).toBe(false);
    refused(await e.importPath('/etc/passwd'));

    // Installed fonts the service listed may be chosen.
    await handleCall(contractPort({ call: e.call }, e.grants), trusted, 'fonts.list', {});
    expect(
      (
        await handleCall(contractPort({ call: e.call }, e.grants), trusted, 'settings.update', {
          sessionId: 's',
          revision: 0,
          layout: { fonts: { fang: { file: '/usr/share/fonts/fang.ttf' } } },
        })
      ).ok,
    ).toBe(true);
  });

  it('a picked or dropped folder covers what is inside it, and nothing outside ("..")', async () => {
    const e = setup();
    e.picks.open = [e.userDir];
    await handleNative(e.natives, trusted, 'pickFiles', { folder: true });
    const expanded = await handleNative(e.natives, trusted, 'expandPaths', { paths: [e.userDir] });
    expect(expanded.ok).toBe(true);
    const files = (expanded as { value: string[] }).value;
    expect(files.map((f) => path.basename(f)).sort()).toEqual(['a.docx', 'b.docx', 'c.docx']);
    for (const f of files) expect((await e.importPath(f)).ok).toBe(true);
    refused(await e.importPath(path.join(e.userDir, '..', 'data', '..', '..', 'etc', 'passwd')));
    refused(await e.importPath(`${e.userDir}-other/x.docx`));
    refused(await e.importPath('relative/a.docx'));
  });
});
