// The browser transport: POST /rpc/<name> with the per-run bearer token, and server-sent events
// from /events. The token arrives once in the URL fragment (#token=…) and is kept for this tab
// only (sessionStorage); it must never be written into a URL that leaves the fragment or a log.
// Files go to POST /upload as a stream (see fileInput).
import type { Client } from '../../core/contract';
import { toBase64, transportError, type Transport } from './transport';

const TOKEN_KEY = 'huibian.token';
/** Largest file sent inline (base64 in the JSON call) when /upload is not available. */
const INLINE_MAX_BYTES = 16 * 1024 * 1024;

/** Reads #token=… once, stores it for this tab, and removes it from the address bar. */
export function takeToken(): string | null {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    const token = decodeURIComponent(m[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', location.pathname + location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function createHttpTransport(token: string | null, base = ''): Transport {
  const headers = (): Record<string, string> => ({
    'Content-Type': 'application/json',
    ...(token ? { Authorization: `Bearer ${token}` } : {}),
  });
  const call = (async (name: string, input: unknown) => {
    let res: Response;
    try {
      res = await fetch(`${base}/rpc/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: headers(),
        body: JSON.stringify(input ?? {}),
      });
    } catch (e) {
      return transportError('无法连接到汇编服务。请确认汇编仍在运行，然后刷新页面。', String(e));
    }
    if (res.status === 401 || res.status === 403)
      return {
        ok: false,
        error: { code: 'http.unauthorized', message: '访问口令无效或已过期。请使用启动时显示的完整地址重新打开。' },
      };
    try {
      const body = (await res.json()) as { ok?: boolean };
      if (typeof body?.ok === 'boolean') return body;
      return transportError(`服务返回了无法识别的结果（HTTP ${res.status}）。`);
    } catch (e) {
      return transportError(`服务返回了无法识别的结果（HTTP ${res.status}）。`, String(e));
    }
  }) as Client['call'];

  const listeners = new Map<string, Set<(p: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${base}/events${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    const dispatch = (name: string, data: string) => {
      let payload: unknown;
      try {
        payload = JSON.parse(data);
      } catch {
        return;
      }
      // Servers may send named SSE events, or one default stream of { event, payload }.
      if (name === 'message' && payload && typeof payload === 'object' && 'event' in payload) {
        const p = payload as { event: string; payload?: unknown; data?: unknown };
        name = p.event;
        payload = p.payload ?? p.data;
      }
      listeners.get(name)?.forEach((cb) => cb(payload));
    };
    source.onmessage = (e) => dispatch('message', e.data);
    for (const name of ['compile.progress', 'export.progress', 'session.changed'])
      source.addEventListener(name, (e) => dispatch(name, (e as MessageEvent).data));
  };

  return {
    kind: 'http',
    call,
    on: ((event: string, cb: (p: unknown) => void) => {
      ensureSource();
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(cb);
      return () => listeners.get(event)?.delete(cb);
    }) as Client['on'],
    async fetchOutput(file) {
      try {
        const res = await fetch(`${base}${file.url}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
        if (!res.ok) return transportError(`无法取得生成的文件 ${file.name}（HTTP ${res.status}）。`);
        return { ok: true, value: new Uint8Array(await res.arrayBuffer()) };
      } catch (e) {
        return transportError(`无法取得生成的文件 ${file.name}。`, String(e));
      }
    },
    // Files are streamed to POST /upload (the server writes them to disk under the importer's cap)
    // and named by their upload id: no base64 in JSON, no whole file in the page's memory. A refused
    // upload still has an id: the call naming it reports the Chinese reason for that file.
    async fileInput(file) {
      try {
        const res = await fetch(`${base}/upload?name=${encodeURIComponent(file.name)}`, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/octet-stream',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
          },
          body: file,
        });
        const body = (await res.json()) as { ok?: boolean; value?: { upload: string }; upload?: string };
        const id = body.ok ? body.value?.upload : body.upload;
        if (id) return { name: file.name, upload: id };
      } catch {
        // no /upload (an older server) or the connection failed: small files still go inline
      }
      if (file.size <= INLINE_MAX_BYTES)
        return { name: file.name, data: toBase64(new Uint8Array(await file.arrayBuffer())) };
      return { name: file.name, upload: 'u-000000000000000000000000' };
    },
  };
}
