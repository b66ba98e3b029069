// The HTTP transport of the contract for the browser build and the E2E tests: POST /rpc/<name>
// (JSON in, Result out), POST /upload?name=… (a file streamed to disk under the importer's cap for
// its kind, answered with an upload id a call names as FileInput { name, upload }), GET /events
// (server-sent events), GET /files/<session>/<name> (compiled PDFs, bundles) and the built renderer
// as static files. A refused body (too large, no token) is answered first — 413/401 with a Chinese
// message and Connection: close — and then drained, so the client sees the answer. Bound to 127.0.0.1 only; every API
// request needs the per-run token (Authorization: Bearer, or ?token= where a browser can't set
// headers); a foreign Origin or Host is refused (CSRF, DNS rebinding); static paths can't escape
// the static folder. It must never hand the service a local path (allowPaths: false).
import http from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { createDispatcher, type Dispatcher } from '../contract/dispatcher';
import { events as eventSchemas } from '../contract/events';
import { createService, type Service } from '../service/service';
import type { Ports } from '../service/ports';
import { createNodePorts, type NodePortsOptions } from './ports';
import { UploadStore, tooLargeError, uploadCapFor } from './uploads';
import { mb } from '../service/bundle-limits';
import type { FsPort } from './store/fs-port';

export interface ServerOptions {
  port?: number;
  dataDir: string;
  /** The built renderer (dist-web/); omit to serve the API only. */
  staticDir?: string;
  /** Fixed token (tests); default: 32 random bytes. */
  token?: string;
  /** Extra allowed origins (a Vite dev server on another port). */
  allowedOrigins?: string[];
  /** Port overrides (tests). */
  overrides?: Partial<Ports>;
  fs?: FsPort;
  /** Largest JSON request body (small files may still come as base64; large ones use /upload). */
  maxBodyBytes?: number;
  /** 网上报送 listener options (fixed address, rate limits in tests). */
  portal?: NodePortsOptions['portal'];
}

export interface RunningServer {
  url: string;
  /** The URL to open in a browser: token in the fragment (never sent to a server or logged). */
  openUrl: string;
  token: string;
  port: number;
  service: Service;
  dispatcher: Dispatcher;
  close(): Promise<void>;
}

/** Largest JSON body of an /rpc call: base64 files stay small; large files go through /upload. */
export const DEFAULT_MAX_JSON_BYTES = 64 * 1024 * 1024;
/** How long a refused request body is drained (so the client reads the answer) before closing. */
const DRAIN_MS = 120_000;

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd's CSS-in-JS injects <style> elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  // blob: for 打印… in the browser: the compiled PDF in a hidden frame, printed by the PDF viewer.
  "frame-src 'self' blob:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
};

function tokenEquals(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const uploads = new UploadStore(path.join(opts.dataDir, 'uploads'));
  await uploads.init();
  const ports = createNodePorts({
    dataDir: opts.dataDir,
    fs: opts.fs,
    transport: 'http',
    overrides: { uploads, ...opts.overrides },
    portal: opts.portal,
  });
  const outputs = ports.outputsStore;
  const service = createService(ports);
  const dispatcher = createDispatcher(service);
  // The portal listener calls the service as trusted local code (it hands over streamed uploads by path).
  ports.portalHost.attach((name, input) => dispatcher.call(name, input, { transport: 'local', allowPaths: true }));
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_JSON_BYTES;
  const sse = new Set<http.ServerResponse>();
  let boundPort = 0;
  const staticRoot = opts.staticDir ? path.resolve(opts.staticDir) : undefined;

  const allowedOrigin = (origin: string) =>
    origin === `http://127.0.0.1:${boundPort}` ||
    origin === `http://localhost:${boundPort}` ||
    (opts.allowedOrigins ?? []).includes(origin);
  const allowedHost = (host: string | undefined) =>
    !host || host === `127.0.0.1:${boundPort}` || host === `localhost:${boundPort}`;

  function headers(res: http.ServerResponse, origin?: string) {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (origin && allowedOrigin(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
  }

  function send(res: http.ServerResponse, status: number, body: unknown) {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
  }

  const deny = (
    res: http.ServerResponse,
    status: 401 | 403 | 404 | 405 | 413 | 415 | 400,
    code: string,
    message: string,
  ) => send(res, status, { ok: false, error: { code, message } });

  /**
   * Answers now and closes after: the rest of the request body is read and thrown away (for at
   * most DRAIN_MS), because a client still sending would otherwise get a reset, not the answer.
   */
  function answerThenDrain(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown) {
    if (!res.headersSent) {
      res.setHeader('Connection', 'close');
      send(res, status, body);
    }
    if (req.readableEnded) return;
    const timer = setTimeout(() => req.destroy(), DRAIN_MS);
    timer.unref();
    req.on('end', () => clearTimeout(timer));
    req.on('close', () => clearTimeout(timer));
    req.resume();
  }

  /** The JSON body of an /rpc call; null (after answering 413) when it is over the cap. */
  function readBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<Buffer | null> {
    const tooLarge = () =>
      answerThenDrain(req, res, 413, {
        ok: false,
        error: { code: 'http.too-large', message: `请求过大（上限 ${mb(maxBody)}）；大文件请通过上传导入` },
      });
    const declared = Number(req.headers['content-length']);
    if (declared > maxBody) {
      tooLarge();
      return Promise.resolve(null);
    }
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let n = 0;
      const onData = (c: Buffer) => {
        n += c.length;
        if (n > maxBody) {
          req.off('data', onData);
          chunks.length = 0;
          tooLarge();
          resolve(null);
          return;
        }
        chunks.push(c);
      };
      req.on('data', onData);
      req.on('end', () => resolve(n > maxBody ? null : Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  async function receiveUpload(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const name = (url.searchParams.get('name') ?? '').trim().slice(0, 500);
    if (!name)
      return answerThenDrain(req, res, 400, {
        ok: false,
        error: { code: 'upload.no-name', message: '上传时缺少文件名' },
      });
    const cap = uploadCapFor(name);
    const id = uploads.newId();
    const declared = Number(req.headers['content-length']);
    if (declared > cap) {
      const error = tooLargeError(name, declared, cap);
      uploads.refuse(id, name, error);
      return answerThenDrain(req, res, 413, { ok: false, error, upload: id });
    }
    const r = await uploads.receive(id, name, req, cap, (error) =>
      answerThenDrain(req, res, 413, { ok: false, error, upload: id }),
    );
    if (res.headersSent) return;
    if (!r.ok) return send(res, 400, { ok: false, error: r.error, upload: id });
    return send(res, 200, { ok: true, value: r.value });
  }

  async function serveStatic(res: http.ServerResponse, urlPath: string) {
    if (!staticRoot) return deny(res, 404, 'http.not-found', '未找到');
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath);
    } catch {
      return deny(res, 400, 'http.bad-path', '路径无效');
    }
    if (
      rel.includes('\0') ||
      rel.includes('\\') ||
      rel.split('/').some((p) => p === '..' || (p.startsWith('.') && p !== ''))
    ) {
      return deny(res, 403, 'http.forbidden', '禁止访问');
    }
    let file = path.resolve(staticRoot, '.' + (rel.endsWith('/') ? rel + 'index.html' : rel));
    if (file !== staticRoot && !file.startsWith(staticRoot + path.sep))
      return deny(res, 403, 'http.forbidden', '禁止访问');
    try {
      const st = await stat(file);
      if (st.isDirectory()) file = path.join(file, 'index.html');
    } catch {
      // An app route (no extension): the single-page app's index.html.
      if (path.extname(rel)) return deny(res, 404, 'http.not-found', '未找到');
      file = path.join(staticRoot, 'index.html');
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
        'Content-Length': body.length,
      });
      res.end(body);
    } catch {
      deny(res, 404, 'http.not-found', '未找到');
    }
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${boundPort}`);
      const origin = req.headers.origin;
      headers(res, origin);
      if (!allowedHost(req.headers.host)) return deny(res, 403, 'http.bad-host', '请求的主机名不被允许');
      if (origin && !allowedOrigin(origin)) return deny(res, 403, 'http.bad-origin', '来自其他网站的请求被拒绝');
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      const authed =
        tokenEquals(bearer, token) ||
        ((url.pathname === '/events' || url.pathname.startsWith('/files/')) &&
          tokenEquals(url.searchParams.get('token') ?? undefined, token));
      const p = url.pathname;

      if (
        req.method === 'OPTIONS' &&
        (p.startsWith('/rpc/') || p === '/upload' || p === '/events' || p.startsWith('/files/'))
      ) {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        res.writeHead(204).end();
        return;
      }

      if (p.startsWith('/rpc/')) {
        if (req.method !== 'POST') return deny(res, 405, 'http.method', '只接受 POST');
        if (!authed) return deny(res, 401, 'http.unauthorized', '缺少或错误的访问令牌，请用启动时给出的地址重新打开');
        if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
          return deny(res, 415, 'http.content-type', '请求必须是 JSON');
        const body = await readBody(req, res);
        if (!body) return;
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return send(res, 400, { ok: false, error: { code: 'contract.bad-input', message: '请求不是有效的 JSON' } });
        }
        const name = decodeURIComponent(p.slice('/rpc/'.length));
        const result = await dispatcher.call(name, input, { transport: 'http', allowPaths: false });
        return send(res, 200, result);
      }

      if (p === '/upload') {
        if (req.method !== 'POST')
          return answerThenDrain(req, res, 405, { ok: false, error: { code: 'http.method', message: '只接受 POST' } });
        if (!authed)
          return answerThenDrain(req, res, 401, {
            ok: false,
            error: { code: 'http.unauthorized', message: '缺少或错误的访问令牌，请用启动时给出的地址重新打开' },
          });
        return receiveUpload(req, res, url);
      }

      if (p === '/events') {
        if (req.method !== 'GET') return deny(res, 405, 'http.method', '只接受 GET');
        if (!authed) return deny(res, 401, 'http.unauthorized', '缺少或错误的访问令牌');
        res.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        });
        res.write(': connected\n\n');
        const offs = Object.keys(eventSchemas).map((name) =>
          dispatcher.on(name, (payload) => {
            res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
          }),
        );
        const beat = setInterval(() => res.write(': ping\n\n'), 15_000);
        sse.add(res);
        const done = () => {
          clearInterval(beat);
          offs.forEach((off) => off());
          sse.delete(res);
        };
        req.on('close', done);
        res.on('close', done);
        return;
      }

      if (p.startsWith('/files/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'http.method', '只接受 GET');
        if (!authed) return deny(res, 401, 'http.unauthorized', '缺少或错误的访问令牌');
        const parts = p.slice('/files/'.length).split('/');
        if (parts.length !== 2) return deny(res, 404, 'http.not-found', '未找到');
        let sessionId: string;
        let name: string;
        try {
          [sessionId, name] = parts.map(decodeURIComponent);
        } catch {
          return deny(res, 400, 'http.bad-path', '路径无效');
        }
        let r;
        try {
          r = await outputs.read(sessionId, name);
        } catch {
          return deny(res, 404, 'http.not-found', '未找到');
        }
        if (!r.ok) return deny(res, 404, r.error.code, r.error.message);
        const disp = url.searchParams.get('download') ? 'attachment' : 'inline';
        res.writeHead(200, {
          'Content-Type': MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
          'Content-Length': r.value.length,
          'Content-Disposition': `${disp}; filename*=UTF-8''${encodeURIComponent(name)}`,
          'Cache-Control': 'no-store',
        });
        if (req.method === 'HEAD') return res.end();
        return res.end(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'http.method', '不支持的请求方法');
      return serveStatic(res, p);
    } catch (e) {
      if (!res.headersSent)
        send(res, 500, { ok: false, error: { code: 'internal', message: `服务器内部错误：${(e as Error).message}` } });
      else res.end();
    }
  });
  server.requestTimeout = 0;
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  boundPort = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${boundPort}`;
  return {
    url,
    openUrl: `${url}/#token=${token}`,
    token,
    port: boundPort,
    service,
    dispatcher,
    async close() {
      for (const r of sse) r.end();
      await service.dispose();
      await uploads.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
