// The same contract suite over HTTP (real disk store, real importer), plus the transport's own
// guarantees: token, origin, host, static traversal, CSP, file serving.
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../core/node/http-server';
import { contractSuite } from './suite';
import { fetchServed, httpClient } from './http-client';
import { testCompiler } from './test-compiler';
import { testPrinter } from './test-printer';
import { DiskOutputs } from '../../core/node/store/file-store';
import { nodeFs } from '../../core/node/store/fs-port';

async function start(extra: Partial<Parameters<typeof startServer>[0]> = {}) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'huibian-http-'));
  // The compile case uses a fast compiler double here too; the real engine is exercised in
  // test/store/real-compile.test.ts so this suite stays quick on a shared 2-core machine.
  const outputs = new DiskOutputs(nodeFs, (id) => path.join(dataDir, 'sessions', id));
  const server = await startServer({
    dataDir,
    overrides: { snapshotEveryMs: 0, compiler: testCompiler(outputs), printer: testPrinter(outputs) },
    ...extra,
  });
  return { server, dataDir };
}

contractSuite('HTTP', async () => {
  const { server, dataDir } = await start();
  const client = httpClient(server.url, server.token);
  return {
    client,
    fetchOutput: (f) => fetchServed(server, f),
    async cleanup() {
      client.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('HTTP transport guarantees', () => {
  let server: RunningServer;
  let dataDir: string;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(tmpdir(), 'huibian-static-'));
    await mkdir(path.join(staticDir, 'assets'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>汇编</title>');
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(path.dirname(staticDir), 'secret.txt'), 'secret');
    const s = await start({ staticDir });
    server = s.server;
    dataDir = s.dataDir;
  });
  afterAll(async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(staticDir, { recursive: true, force: true });
  });

  const rpc = (headers: Record<string, string>, body = '{}') =>
    fetch(`${server.url}/rpc/sessions.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });

  it('binds to 127.0.0.1 and prints the token only in the fragment', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.openUrl).toBe(`${server.url}/#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses calls without the token (401), with a wrong one (401), from a foreign origin (403)', async () => {
    expect((await rpc({})).status).toBe(401);
    expect((await rpc({ Authorization: 'Bearer nope' })).status).toBe(401);
    const foreign = await rpc({ Authorization: `Bearer ${server.token}`, Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const ok = await rpc({ Authorization: `Bearer ${server.token}`, Origin: server.url });
    expect(ok.status).toBe(200);
    expect((await ok.json()).ok).toBe(true);
    // Token in the query is not enough for RPC (only for EventSource and file links).
    expect(
      (
        await fetch(`${server.url}/rpc/sessions.list?token=${server.token}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    // A simple form post (text/plain) is refused even with the token.
    expect(
      (
        await fetch(`${server.url}/rpc/sessions.list`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' },
          body: '{}',
        })
      ).status,
    ).toBe(415);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const http = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/rpc/sessions.list',
          method: 'POST',
          headers: {
            Host: 'evil.example:80',
            Authorization: `Bearer ${server.token}`,
            'Content-Type': 'application/json',
          },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('guards events and files with the token', async () => {
    expect((await fetch(`${server.url}/events`)).status).toBe(401);
    expect((await fetch(`${server.url}/files/x/y.pdf`)).status).toBe(401);
    expect((await fetch(`${server.url}/files/..%2F..%2Fetc/passwd?token=${server.token}`)).status).toBe(404);
    const ctrl = new AbortController();
    const ev = await fetch(`${server.url}/events?token=${server.token}`, { signal: ctrl.signal });
    expect(ev.status).toBe(200);
    expect(ev.headers.get('content-type')).toMatch(/text\/event-stream/);
    ctrl.abort();
  });

  it('serves the renderer with a strict CSP and refuses traversal', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('汇编');
    const csp = index.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect((await fetch(`${server.url}/assets/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${server.url}/sessions/abc`)).status).toBe(200); // SPA route
    for (const p of ['/..%2Fsecret.txt', '/%2e%2e/secret.txt', '/assets/..%5C..%5Csecret.txt', '/.env']) {
      const r = await fetch(`${server.url}${p}`);
      expect([403, 404]).toContain(r.status);
      expect(await r.text()).not.toContain('secret');
    }
  });

  it('never reads local paths for HTTP callers', async () => {
    const r = await (
      await rpc({ Authorization: `Bearer ${server.token}` }, JSON.stringify({ file: { path: '/etc/passwd' } }))
    ).json();
    void r;
    const imp = await fetch(`${server.url}/rpc/bundle.import`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ file: { path: '/etc/passwd' } }),
    });
    const body = await imp.json();
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('file.path-refused');
  });
});
