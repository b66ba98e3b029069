// The main process wired end to end with electron mocked: privileged app:// scheme, permissions
// denied, hardened window loading app:// (never file://), IPC bound, menu set, S7 hand-over.
import { afterEach, describe, expect, it, vi } from 'vitest';

type Fn = (...args: unknown[]) => unknown;

function makeElectron(lock: boolean) {
  const appListeners = new Map<string, Fn>();
  const webContentsListeners = new Map<string, Fn>();
  const windows: FakeWindow[] = [];
  class FakeWindow {
    opts: Record<string, unknown>;
    loaded = '';
    sent: unknown[][] = [];
    focused = 0;
    webContents = {
      send: (...a: unknown[]) => this.sent.push(a),
      isLoading: () => false,
      on: (n: string, fn: Fn) => webContentsListeners.set(n, fn),
    };
    constructor(opts: Record<string, unknown>) {
      this.opts = opts;
      windows.push(this);
    }
    loadURL(u: string) {
      this.loaded = u;
      return Promise.resolve();
    }
    once() {}
    on() {}
    maximize() {}
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return true;
    }
    restore() {}
    show() {}
    focus() {
      this.focused++;
    }
  }
  let readyResolve: () => void = () => {};
  const ready = new Promise<void>((r) => (readyResolve = r));
  const electron = {
    app: {
      requestSingleInstanceLock: vi.fn(() => lock),
      quit: vi.fn(),
      on: vi.fn((n: string, fn: Fn) => appListeners.set(n, fn)),
      whenReady: vi.fn(() => ready),
      getPath: vi.fn((n: string) => `/tmp/huibian-test-${n}`),
      getAppPath: vi.fn(() => '/app'),
      commandLine: { appendSwitch: vi.fn() },
    },
    BrowserWindow: FakeWindow,
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    dialog: {},
    shell: {},
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        setDevicePermissionHandler: vi.fn(),
      },
    },
  };
  return { electron, appListeners, windows, readyResolve };
}

async function load(lock: boolean) {
  vi.resetModules();
  const env = makeElectron(lock);
  vi.doMock('electron', () => ({ ...env.electron, default: env.electron }));
  const dispatcher = {
    call: vi.fn(async () => ({ ok: true, value: [{ id: 's1', name: '第九次会议' }] })),
    on: vi.fn(() => () => {}),
  };
  vi.doMock('../../electron/main/create-service', () => ({
    createMainDispatcher: vi.fn(async () => ({ dispatcher, close: async () => {} })),
  }));
  await import('../../electron/main/main');
  return { ...env, dispatcher };
}

afterEach(() => {
  vi.doUnmock('electron');
  vi.doUnmock('../../electron/main/create-service');
});

describe('main process', () => {
  it('a second instance quits without creating a window', async () => {
    const env = await load(false);
    expect(env.electron.app.quit).toHaveBeenCalled();
    expect(env.electron.app.whenReady).not.toHaveBeenCalled();
    expect(env.windows).toHaveLength(0);
  });

  it('boots hardened: app:// privileged, permissions denied, secure window, IPC and menu', async () => {
    const env = await load(true);
    expect(env.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app' }),
    ]);
    expect(env.electron.app.commandLine.appendSwitch).toHaveBeenCalledWith(
      'js-flags',
      expect.stringMatching(/^--interrupt-budget=\d+$/),
    );
    expect(env.appListeners.has('web-contents-created')).toBe(true);
    env.readyResolve();
    await vi.waitFor(() => expect(env.windows).toHaveLength(1));
    const win = env.windows[0];
    expect(win.loaded).toBe('app://huibian/index.html');
    expect(win.opts.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(String((win.opts.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect(env.electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(env.electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(env.electron.ipcMain.handle.mock.calls.map((c) => c[0]).sort()).toEqual(['huibian:call', 'huibian:native']);
    expect(env.electron.Menu.setApplicationMenu).toHaveBeenCalled();
    const menu = env.electron.Menu.setApplicationMenu.mock.calls[0][0] as { label: string }[];
    expect(menu.map((m) => m.label)).toEqual(['文件', '编辑', '视图', '帮助']);

    // S7: the second launch's argv reaches the first window, which is focused.
    const second = env.appListeners.get('second-instance')!;
    second({}, ['/opt/huibian', '/tmp'], '/home');
    expect(win.focused).toBe(1);
    expect(win.sent.at(-1)).toEqual(['huibian:event', 'app.openPaths', { paths: ['/tmp'] }]);
  });
});
