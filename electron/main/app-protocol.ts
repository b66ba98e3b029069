// Serves the built renderer (dist-web/) through app://huibian/… instead of file:// (E5).
// It must never serve anything outside its root: "..", encoded "..", backslashes, drive letters and
// absolute paths are refused before the disk is touched.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { APP_HOST, CONTENT_SECURITY_POLICY } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
};

/** Maps a request URL to a file under root, or null when the URL is foreign or escapes root. */
export function resolveAppPath(root: string, url: string): string | null {
  // The URL parser would quietly collapse "..", so a traversal attempt is refused as written.
  let raw: string;
  try {
    raw = decodeURIComponent(url.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  if (/(^|[/\\])\.\.?([/\\]|$)/.test(raw.replace(/^app:\/\//, ''))) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:/.test(s))) return null;
  const rel = segments.length ? segments.join(sep) : 'index.html';
  const base = resolve(root);
  const full = resolve(base, rel);
  const back = relative(base, full);
  if (back.startsWith('..') || isAbsolute(back)) return null;
  return full === base ? join(base, 'index.html') : full;
}

/** The protocol.handle callback: a Response for files under root, 403/404 otherwise. */
export function createAppProtocolHandler(root: string) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response('method not allowed', { status: 405 });
    const file = resolveAppPath(root, request.url);
    if (!file) return new Response('forbidden', { status: 403 });
    try {
      const info = await stat(file);
      if (!info.isFile()) return new Response('not found', { status: 404 });
      const body = await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  };
}
