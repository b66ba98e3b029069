// E1, E2, E4, E5: webPreferences, navigation / window.open / permission denial, sender check.
import { describe, expect, it, vi } from 'vitest';
vi.mock('electron', () => ({}));
import {
  CONTENT_SECURITY_POLICY,
  denyAllPermissions,
  hardenWebContents,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences,
} from '../../electron/main/security';

type Listener = (...args: unknown[]) => void;
function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  return {
    on(name: string, fn: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), fn]);
      return this;
    },
    emit(name: string, ...args: unknown[]) {
      for (const fn of listeners.get(name) ?? []) fn(...args);
    },
    setWindowOpenHandler(fn: typeof openHandler) {
      openHandler = fn;
    },
    get openHandler() {
      return openHandler;
    },
    getURL: () => 'app://huibian/index.html',
  };
}

describe('security', () => {
  it('gives every window sandbox, context isolation and no node integration', () => {
    const p = secureWebPreferences('/x/preload.cjs');
    expect(p).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      preload: '/x/preload.cjs',
    });
  });

  it('has a strict CSP: scripts only from self, no eval, no objects', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(eval|inline)/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('prevents every navigation (links, dropped files, foreign origins) and denies window.open', () => {
    const c = fakeContents();
    hardenWebContents(c as never);
    for (const url of [
      'file:///C:/x.docx',
      'https://evil.example/',
      'app://huibian/other.html',
      'javascript:alert(1)',
    ]) {
      const event = { preventDefault: vi.fn() };
      c.emit('will-navigate', event, url);
      expect(event.preventDefault, url).toHaveBeenCalled();
    }
    const redirect = { preventDefault: vi.fn() };
    c.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    c.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(c.openHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, perm: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
      setDevicePermissionHandler: (fn: typeof device) => (device = fn),
    } as never);
    for (const perm of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      const cb = vi.fn();
      request!(null, perm, cb);
      expect(cb).toHaveBeenCalledWith(false);
    }
    expect(check!()).toBe(false);
    expect(device!()).toBe(false);
  });

  it('trusts only the main frame of app:// content', () => {
    const main = { url: 'app://huibian/index.html', parent: null, routingId: 1, processId: 7 };
    const sender = { mainFrame: { ...main } }; // a different wrapper object for the same frame
    expect(isTrustedSender(main as never, sender as never)).toBe(true);
    expect(isTrustedSender(null)).toBe(false);
    expect(
      isTrustedSender(
        { url: 'app://huibian/index.html', parent: main, routingId: 2, processId: 7 } as never,
        sender as never,
      ),
    ).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null } as never)).toBe(false);
    expect(isTrustedSender({ url: 'file:///C:/app/index.html', parent: null } as never)).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null } as never)).toBe(false);
    // A frame that is not the sender's main frame (e.g. an old frame after navigation).
    expect(
      isTrustedSender(
        { url: 'app://huibian/index.html', parent: null, routingId: 3, processId: 7 } as never,
        sender as never,
      ),
    ).toBe(false);
    expect(isAppUrl('app://huibian/a.js')).toBe(true);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
