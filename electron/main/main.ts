// The Electron main process: one hardened window serving the built renderer through app://, the
// zh-CN menu, the single-instance hand-over, and the IPC binding to the one service. Keep it thin:
// logic lives in the small modules beside it (tested with electron mocked) and in core/.
// It must never load remote content, file:// pages, or expose anything but the contract.
import { app, BrowserWindow, Menu, dialog, ipcMain, protocol, screen, session, shell } from 'electron';
import nodeModule from 'node:module';
import { join } from 'node:path';
import { createAppProtocolHandler } from './app-protocol';
import { bindIpc } from './ipc-binding';
import { buildMenuTemplate, type MenuCommand } from './menu';
import { createNativeHandlers } from './native-actions';
import { printPdfFile } from './print-pdf';
import { APP_SCHEME, APP_START_URL, denyAllPermissions, hardenWebContents, secureWebPreferences } from './security';
import { contractPort, forwardEvents } from './service-host';
import { createMainDispatcher } from './create-service';
import { PathGrants } from './path-grants';
import { claimSingleInstance, openablePaths } from './single-instance';
import { loadWindowState, saveWindowState, visibleOnSomeDisplay, MIN_SIZE } from './window-state';
import { CHANNEL } from '../../core/contract/channel';
import { V8_JS_FLAGS } from '../../core/node/v8-tuning';

// The engine's V8 tuning (core/node/v8-tuning.ts) as Electron's js-flags (must be set before
// 'ready'), and Node's on-disk compile cache where Electron's Node has it (Node ≥ 22.1).
app.commandLine.appendSwitch('js-flags', V8_JS_FLAGS);
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// Must run before 'ready': app:// behaves like https (secure origin, fetch, CSP applies).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

let mainWindow: BrowserWindow | null = null;
const pendingPaths: string[] = [];

function send(name: string, payload: unknown): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(CHANNEL.event, name, payload);
}

/** The window's path fence; the data folder is added once it is known (see whenReady). */
let grants: PathGrants | undefined;

function openPaths(paths: string[]): void {
  if (!paths.length) return;
  // Files handed over by the OS (open with, second launch) are the user's choice: granted.
  for (const p of paths) grants?.grantPicked(p);
  if (mainWindow && !mainWindow.webContents.isLoading()) send('app.openPaths', { paths });
  else pendingPaths.push(...paths);
}

function createWindow(): BrowserWindow {
  const userData = app.getPath('userData');
  const state = visibleOnSomeDisplay(
    loadWindowState(userData),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    width: state.width,
    height: state.height,
    x: state.x,
    y: state.y,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: '汇编',
    show: false,
    backgroundColor: '#f5f5f5',
    webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', () => {
    if (pendingPaths.length) send('app.openPaths', { paths: pendingPaths.splice(0) });
  });
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(userData, { width: b.width, height: b.height, x: b.x, y: b.y, maximized: win.isMaximized() });
  });
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_START_URL);
  return win;
}

async function refreshMenu(listSessions: () => Promise<{ id: string; name: string }[]>): Promise<void> {
  const recent = await listSessions().catch(() => []);
  const template = buildMenuTemplate(
    {
      command: (cmd: MenuCommand) => send('menu.command', { command: cmd }),
      openRecent: (id) => send('menu.command', { command: 'session.open', sessionId: id }),
      quit: () => app.quit(),
    },
    recent,
    process.platform === 'darwin',
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function focusMain(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

if (
  claimSingleInstance(app, (paths) => {
    focusMain();
    openPaths(paths);
  })
) {
  pendingPaths.push(...openablePaths(process.argv, process.cwd()));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    denyAllPermissions(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(app.getAppPath(), 'dist-web')));

    const dataDir = join(app.getPath('documents'), '汇编');
    const { dispatcher, close } = await createMainDispatcher(dataDir);
    const roots = [dataDir];
    grants = new PathGrants([dataDir]);
    for (const p of pendingPaths) grants.grantPicked(p);
    bindIpc(
      ipcMain,
      contractPort(dispatcher, grants),
      createNativeHandlers({
        dialog,
        shell,
        window: () => mainWindow,
        roots,
        grants,
        printPdf: (path) =>
          printPdfFile(path, {
            // Hidden, no preload, the hardened preferences plus the PDF viewer plugin.
            createWindow: () =>
              new BrowserWindow({
                show: false,
                parent: mainWindow ?? undefined,
                webPreferences: { ...secureWebPreferences(''), preload: undefined, plugins: true },
              }),
            openWithSystem: (p) => shell.openPath(p),
          }),
      }),
      grants,
    );
    const listSessions = async () => {
      const r = await dispatcher.call('sessions.list', {});
      return r.ok ? (r.value as { id: string; name: string }[]) : [];
    };
    forwardEvents(dispatcher, (name, payload) => {
      send(name, payload);
      if (name === 'session.changed') void refreshMenu(listSessions);
    });
    await refreshMenu(listSessions);
    mainWindow = createWindow();
    app.on('before-quit', () => void close());
  });
}
