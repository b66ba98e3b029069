// `npm run web`: builds the renderer when needed, starts the HTTP transport and prints exactly one
// line with the URL (token in the fragment); the URL serves the app and the token opens the API.
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOnce, ROOT } from './browser';

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill('SIGTERM');
});

describe('npm run web', () => {
  it('prints one line with the URL, serves the UI, and the token opens the API', async () => {
    await buildOnce(); // so the script finds dist-web fresh and does not rebuild it under another test
    const data = mkdtempSync(join(tmpdir(), 'huibian-web-'));
    child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'scripts', 'web.ts'), '--port', '0', '--data', data],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    const line = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed; stdout: ${out}`)), 120_000);
      child!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) {
          clearTimeout(timer);
          resolve(out);
        }
      });
      child!.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(line.trim().split('\n')).toHaveLength(1);
    const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([\w-]+)/.exec(line);
    expect(m, line).not.toBeNull();
    const [, base, token] = m!;
    const html = await fetch(`${base}/`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('<div id="root">');
    const refused = await fetch(`${base}/rpc/sessions.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(refused.status).toBe(401);
    const ok = await fetch(`${base}/rpc/sessions.list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(await ok.json()).toEqual({ ok: true, value: [] });
  });
});
