// S7 single instance, window-size memory, and the zh-CN menu.
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
vi.mock('electron', () => ({}));
import { claimSingleInstance, openablePaths } from '../../electron/main/single-instance';
import {
  DEFAULT_WINDOW_STATE,
  loadWindowState,
  saveWindowState,
  visibleOnSomeDisplay,
  windowStateFile,
} from '../../electron/main/window-state';
import { buildMenuTemplate } from '../../electron/main/menu';

describe('single instance (S7)', () => {
  it('a second process quits at once when the lock is held', () => {
    const app = { requestSingleInstanceLock: vi.fn(() => false), quit: vi.fn(), on: vi.fn() };
    expect(claimSingleInstance(app, vi.fn())).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('the first process receives the second launch’s files and folders', () => {
    let listener: ((e: unknown, argv: string[], cwd: string) => void) | undefined;
    const app = {
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      on: vi.fn((_n: string, fn: typeof listener) => (listener = fn)),
    };
    const onSecond = vi.fn();
    const exists = (p: string) => !p.includes('missing');
    expect(claimSingleInstance(app, onSecond, exists)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    listener!(
      {},
      ['/opt/汇编/huibian', '--flag', 'a.docx', '/abs/b.pdf', 'missing.docx', 'evil.exe', 'folder'],
      '/home/u',
    );
    expect(onSecond).toHaveBeenCalledWith(['/home/u/a.docx', '/abs/b.pdf', '/home/u/folder']);
  });

  it('ignores its own entry point and switches', () => {
    expect(openablePaths(['electron', '.', '--inspect', 'main.cjs'], '/app', () => true)).toEqual([]);
  });
});

describe('window state', () => {
  it('remembers size and position; damaged files fall back to defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'huibian-ws-'));
    expect(loadWindowState(dir)).toEqual(DEFAULT_WINDOW_STATE);
    saveWindowState(dir, { width: 1400, height: 900, x: 10, y: 20, maximized: true });
    expect(JSON.parse(readFileSync(windowStateFile(dir), 'utf8'))).toMatchObject({ width: 1400 });
    expect(loadWindowState(dir)).toEqual({ width: 1400, height: 900, x: 10, y: 20, maximized: true });
    for (const junk of ['', '\0\0\0', '{"width":"big"}', '[1,2]', '{"width": 100, "height": 100}']) {
      writeFileSync(windowStateFile(dir), junk);
      expect(loadWindowState(dir), JSON.stringify(junk)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });

  it('drops a position that is off every display', () => {
    const displays = [{ x: 0, y: 0, width: 1920, height: 1080 }];
    expect(
      visibleOnSomeDisplay({ width: 1000, height: 700, x: 100, y: 100, maximized: false }, displays),
    ).toMatchObject({ x: 100, y: 100 });
    const off = visibleOnSomeDisplay({ width: 1000, height: 700, x: 5000, y: 100, maximized: false }, displays);
    expect(off.x).toBeUndefined();
    expect(off.width).toBe(1000);
  });
});

describe('menu', () => {
  it('has 文件 / 编辑 / 视图 / 帮助 with the usual shortcuts, sending commands to the renderer', () => {
    const command = vi.fn();
    const t = buildMenuTemplate({ command, openRecent: vi.fn(), quit: vi.fn() }, [{ id: 's1', name: '第九次会议' }]);
    expect(t.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);
    const all = t.flatMap(
      (m) => m.submenu as { label?: string; accelerator?: string; click?: () => void; submenu?: unknown }[],
    );
    const by = (label: string) => all.find((i) => i.label === label)!;
    expect(by('导入材料…').accelerator).toBe('CmdOrCtrl+O');
    expect(by('撤销').accelerator).toBe('CmdOrCtrl+Z');
    expect(by('重做').accelerator).toBe('Ctrl+Y');
    expect(by('打印…').accelerator).toBe('CmdOrCtrl+P');
    expect(by('复制').accelerator).toBe('CmdOrCtrl+C');
    by('撤销').click!();
    expect(command).toHaveBeenCalledWith('undo');
    const recent = by('最近打开').submenu as { label: string }[];
    expect(recent[0].label).toBe('第九次会议');
    const mac = buildMenuTemplate({ command, openRecent: vi.fn(), quit: vi.fn() }, [], true);
    const macEdit = mac[1].submenu as { label?: string; accelerator?: string }[];
    expect(macEdit.find((i) => i.label === '重做')!.accelerator).toBe('Cmd+Shift+Z');
  });
});
