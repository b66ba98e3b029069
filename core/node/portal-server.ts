// The 网上报送 listener: the only thing this app shows the office network. It serves a member's
// page (GET /s/<token>), its own script and style, the member's state (GET /s/<token>/state),
// uploads (POST /s/<token>/files, multipart, field `file`, streamed to disk under the importer's
// caps) and corrections (POST /s/<token>/items/<id>) — nothing else: no admin call, no static path,
// no other member's data. The token is checked by the service on every call (hashed, constant
// time); here: a format check, rate limits per address and per token, and a log of every refusal.
import http from 'node:http';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, appendFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { Busboy } from '@fastify/busboy';
import type { Result } from '../result';
import { TOKEN_RE } from '../portal/tokens';
import { DOCX_MAX_BYTES, PDF_MAX_BYTES, TEXT_MAX_BYTES } from '../read/limits';
import { resourcesDir } from './paths';

export type PortalCall = (name: string, input: unknown) => Promise<Result<unknown>>;

export interface PortalServerOptions {
  sessionId: string;
  host: string;
  port: number;
  call: PortalCall;
  /** Where uploads are streamed before the importer reads them (emptied after each). */
  uploadDir: string;
  /** JSON-lines log of refusals. */
  logFile: string;
  /** Rate limits (tests lower them). */
  limits?: Partial<typeof DEFAULT_LIMITS>;
}

export const DEFAULT_LIMITS = {
  /** Requests per address per minute. */
  perAddress: 120,
  /** Uploads and corrections per token per 10 minutes. */
  perToken: 30,
  /** Requests with an unknown or malformed token per address per 10 minutes (guessing). */
  badTokens: 20,
};

/** Per-format caps: the importer's own (a bigger file would be refused after the upload anyway). */
export const PORTAL_TYPES: Record<string, number> = {
  docx: DOCX_MAX_BYTES,
  wps: DOCX_MAX_BYTES,
  doc: DOCX_MAX_BYTES,
  rtf: DOCX_MAX_BYTES,
  odt: DOCX_MAX_BYTES,
  pdf: PDF_MAX_BYTES,
  txt: TEXT_MAX_BYTES,
  md: TEXT_MAX_BYTES,
};

export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

class Window {
  private hits = new Map<string, number[]>();
  constructor(
    private readonly max: number,
    private readonly ms: number,
  ) {}
  /** Counts one hit; false when over the limit. */
  take(key: string, now = Date.now()): boolean {
    const list = (this.hits.get(key) ?? []).filter((t) => now - t < this.ms);
    if (list.length >= this.max) {
      this.hits.set(key, list);
      return false;
    }
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 10_000) this.hits.clear();
    return true;
  }
  /** Whether the key is at its limit (nothing counted). */
  full(key: string, now = Date.now()): boolean {
    return (this.hits.get(key) ?? []).filter((t) => now - t < this.ms).length >= this.max;
  }
}

export interface RunningPortal {
  baseUrl: string;
  port: number;
  close(): Promise<void>;
}

type Assets = Record<string, { type: string; body: Buffer }>;
let assets: Promise<Assets> | undefined;
function loadAssets(): Promise<Assets> {
  const dir = path.join(resourcesDir(), 'portal');
  return (assets ??= (async (): Promise<Assets> => ({
    page: { type: 'text/html; charset=utf-8', body: await readFile(path.join(dir, 'index.html')) },
    '/portal/app.js': { type: 'text/javascript; charset=utf-8', body: await readFile(path.join(dir, 'app.js')) },
    '/portal/app.css': { type: 'text/css; charset=utf-8', body: await readFile(path.join(dir, 'app.css')) },
  }))());
}

const STATUS: Record<string, number> = {
  'portal.bad-link': 404,
  'portal.revoked': 410,
  'portal.closed': 403,
  'portal.not-yours': 403,
  'portal.kind': 400,
  'portal.duplicate': 409,
  'contract.bad-input': 400,
};

export async function startPortalServer(o: PortalServerOptions): Promise<RunningPortal> {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const perAddress = new Window(limits.perAddress, 60_000);
  const perToken = new Window(limits.perToken, 600_000);
  const badTokens = new Window(limits.badTokens, 600_000);
  const files = await loadAssets();
  await mkdir(o.uploadDir, { recursive: true });
  await mkdir(path.dirname(o.logFile), { recursive: true });

  const refuse = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    code: string,
    message: string,
    token?: string,
  ) => {
    const line = {
      at: new Date().toISOString(),
      address: req.socket.remoteAddress,
      method: req.method,
      path: redact(req.url ?? ''),
      status,
      code,
      token: token ? createHash('sha256').update(token).digest('hex').slice(0, 8) : undefined,
    };
    await appendFile(o.logFile, JSON.stringify(line) + '\n').catch(() => undefined);
    if (status === 404 && code === 'portal.bad-link' && req.socket.remoteAddress)
      badTokens.take(req.socket.remoteAddress);
    send(res, status, { ok: false, error: { code, message } });
  };

  const server = http.createServer(async (req, res) => {
    res.setHeader('Content-Security-Policy', PORTAL_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cache-Control', 'no-store');
    try {
      const addr = req.socket.remoteAddress ?? '?';
      if (!perAddress.take(addr)) return refuse(req, res, 429, 'portal.rate', '操作太频繁，请稍后再试');
      const url = new URL(req.url ?? '/', 'http://portal');
      const p = url.pathname;
      if (req.method === 'GET' && files[p]) return sendRaw(res, 200, files[p].type, files[p].body);
      if (req.method === 'GET' && p === '/favicon.ico') return res.writeHead(204).end();
      const m = /^\/s\/([^/]+)(\/state|\/files|\/items\/([^/]+))?\/?$/.exec(p);
      if (!m) return refuse(req, res, 404, 'portal.not-found', '未找到');
      const token = m[1];
      // An address that keeps presenting wrong links is guessing: it waits, whatever it sends.
      if (badTokens.full(addr)) return refuse(req, res, 429, 'portal.rate', '错误链接次数过多，请稍后再试');
      if (!TOKEN_RE.test(token)) return refuse(req, res, 404, 'portal.bad-link', '链接无效，请核对链接是否完整', token);
      const sub = m[2];
      if (!sub && (req.method === 'GET' || req.method === 'HEAD')) {
        // The page itself carries no data: it asks for /state with the token in its own URL.
        return sendRaw(res, 200, files.page.type, files.page.body);
      }
      if (sub === '/state' && req.method === 'GET')
        return answer(req, res, await o.call('portal.visit', { sessionId: o.sessionId, token }), token);
      if (req.method !== 'POST') return refuse(req, res, 405, 'portal.method', '不支持的请求', token);
      const origin = req.headers.origin;
      if (origin && origin !== `http://${req.headers.host}`)
        return refuse(req, res, 403, 'portal.origin', '来自其他网站的请求被拒绝', token);
      if (!perToken.take(token)) return refuse(req, res, 429, 'portal.rate', '提交太频繁，请稍后再试', token);
      if (sub === '/files') return upload(req, res, token);
      const id = m[3] ? decodeURIComponent(m[3]) : '';
      const body = await readJson(req, 16 * 1024);
      if (!body.ok) return refuse(req, res, body.status, 'portal.bad-request', body.message, token);
      return answer(
        req,
        res,
        await o.call('portal.amend', { sessionId: o.sessionId, token, submissionId: id, patch: body.value }),
        token,
      );
    } catch (e) {
      if (!res.headersSent)
        send(res, 500, { ok: false, error: { code: 'internal', message: `服务器内部错误：${(e as Error).message}` } });
      else res.end();
    }
  });

  const answer = (req: http.IncomingMessage, res: http.ServerResponse, r: Result<unknown>, token: string) => {
    if (r.ok) return send(res, 200, r);
    return refuse(req, res, STATUS[r.error.code] ?? 422, r.error.code, r.error.message, token);
  };

  /** Streams the one file of a multipart body to disk under its type's cap, then imports it. */
  function upload(req: http.IncomingMessage, res: http.ServerResponse, token: string) {
    const ct = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(ct))
      return refuse(req, res, 415, 'portal.bad-request', '请用网页上的“选择文件”上传', token);
    const declared = Number(req.headers['content-length'] ?? 0);
    const maxAny = Math.max(...Object.values(PORTAL_TYPES));
    if (declared > maxAny + 64 * 1024) return tooLarge(req, res, token, maxAny);
    let bb: InstanceType<typeof Busboy>;
    try {
      bb = new Busboy({
        headers: req.headers as never,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 4, fieldSize: 200, parts: 6, fileSize: maxAny },
      } as never);
    } catch {
      return refuse(req, res, 400, 'portal.bad-request', '上传的数据格式不对', token);
    }
    const fields: Record<string, string> = {};
    let saved:
      | Promise<
          | { ok: true; file: string; name: string; size: number }
          | { ok: false; status: number; code: string; message: string }
        >
      | undefined;
    bb.on('field', (name: string, value: string) => {
      if (name === 'kind' || name === 'replace') fields[name] = value;
    });
    bb.on('file', (field: string, stream: NodeJS.ReadableStream & { truncated?: boolean }, filename: string) => {
      if (field !== 'file' || saved) {
        stream.resume();
        return;
      }
      const name =
        path
          .basename(String(filename ?? '').replace(/\\/g, '/'))
          .replace(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/g, '')
          .slice(0, 200) || '未命名';
      const ext = (/\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '').toLowerCase();
      const cap = PORTAL_TYPES[ext];
      if (!cap) {
        stream.resume();
        saved = Promise.resolve({
          ok: false,
          status: 415,
          code: 'portal.type',
          message: `不支持的文件类型：${name}。请上传 Word（.docx/.doc/.wps）、PDF 或文本文件`,
        });
        return;
      }
      const tmp = path.join(o.uploadDir, `${randomBytes(12).toString('hex')}.${ext}`);
      saved = new Promise((resolve) => {
        let size = 0;
        let over = false;
        const out = createWriteStream(tmp, { flags: 'wx' });
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size > cap && !over) {
            over = true;
            stream.unpipe(out);
            stream.resume();
            out.destroy();
          }
        });
        stream.on('limit', () => (over = true));
        stream.pipe(out);
        const done = () => {
          if (over) void rm(tmp, { force: true });
          if (over)
            resolve({
              ok: false,
              status: 413,
              code: 'portal.too-large',
              message: `文件过大：${name}（上限 ${Math.round(cap / 1048576)} MB）`,
            });
          else resolve({ ok: true, file: tmp, name, size });
        };
        out.on('close', done);
        // A write still in flight when an over-size file is given up fails with ERR_STREAM_DESTROYED:
        // that is the 413 above, not a disk error (as in uploads.ts).
        out.on('error', () =>
          over
            ? done()
            : resolve({ ok: false, status: 500, code: 'portal.write', message: '服务器暂存文件失败，请稍后再试' }),
        );
      });
    });
    bb.on('finish', async () => {
      const s = await saved;
      if (!s) return refuse(req, res, 400, 'portal.no-file', '没有收到文件，请先选择文件', token);
      if (!s.ok) {
        return s.status === 413
          ? tooLarge(req, res, token, undefined, s.message)
          : refuse(req, res, s.status, s.code, s.message, token);
      }
      try {
        const input = {
          sessionId: o.sessionId,
          token,
          file: { path: s.file, name: s.name },
          size: s.size,
          ...(fields.kind ? { kind: fields.kind } : {}),
          ...(fields.replace ? { replace: fields.replace } : {}),
        };
        answer(req, res, await o.call('portal.receive', input), token);
      } finally {
        await rm(s.file, { force: true });
      }
    });
    bb.on('error', () => refuse(req, res, 400, 'portal.bad-request', '上传中断或数据格式不对，请重试', token));
    req.pipe(bb);
  }

  const tooLarge = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    token: string,
    cap?: number,
    message?: string,
  ) => {
    // Answer first, then close: the member sees the message instead of a reset connection.
    res.setHeader('Connection', 'close');
    await refuse(
      req,
      res,
      413,
      'portal.too-large',
      message ?? `文件过大（上限 ${Math.round((cap ?? 0) / 1048576)} MB）`,
      token,
    );
    req.unpipe();
    req.resume();
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  server.headersTimeout = 30_000;
  server.requestTimeout = 15 * 60_000;
  const port = (server.address() as { port: number }).port;
  const shown = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host;
  return {
    baseUrl: `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Tokens never reach the log: the path keeps its shape with the token cut. */
function redact(p: string): string {
  return p.replace(/^\/s\/[^/?]+/, (m) => `/s/${m.slice(3, 7)}…`);
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendRaw(res: http.ServerResponse, status: number, type: string, body: Buffer) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
  res.end(body);
}

function readJson(
  req: http.IncomingMessage,
  max: number,
): Promise<{ ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; message: string }> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return Promise.resolve({ ok: false, status: 415, message: '请求格式不对' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > max) {
        resolve({ ok: false, status: 413, message: '请求过大' });
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve({ ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') });
      } catch {
        resolve({ ok: false, status: 400, message: '请求不是有效的 JSON' });
      }
    });
  });
}
