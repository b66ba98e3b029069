// Electron hardening (reliability.md E1–E5) in one place: the only webPreferences a window may get,
// the CSP, navigation / window.open / permission denial, and the sender check for IPC.
// Never loosen these to make something work; route the need through the contract instead.
import type { WebContents, WebFrameMain, Session, WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'huibian';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** script-src 'self' only; styles inline are needed by antd's CSS-in-JS; workers for pdf.js. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
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
    spellcheck: false,
  };
}

/** True only for URLs of our own app origin (the custom protocol). */
export function isAppUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Denies navigation away from the app, every window.open, and <webview>. */
export function hardenWebContents(contents: WebContents): void {
  // A dropped file or a link must never replace the app; in-app routing uses the hash, which does
  // not fire will-navigate, so every real navigation is refused.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Camera, microphone, notifications, geolocation …: the app needs none; deny all. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}

/** The IPC sender must be the main frame of one of our windows showing app:// content. */
export function isTrustedSender(frame: WebFrameMain | null | undefined, sender?: WebContents): boolean {
  if (!frame) return false;
  if (frame.parent) return false;
  // Compare by ids, not object identity: WebFrameMain wrappers need not be the same object.
  if (sender) {
    const main = sender.mainFrame;
    if (!main || main.routingId !== frame.routingId || main.processId !== frame.processId) return false;
  }
  return isAppUrl(frame.url);
}
