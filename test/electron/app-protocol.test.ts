// E5: app:// serves dist-web and refuses traversal before touching the disk.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
vi.mock('electron', () => ({}));
import { createAppProtocolHandler, resolveAppPath } from '../../electron/main/app-protocol';

let root = '';
let outside = '';
beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'huibian-proto-'));
  root = join(base, 'dist-web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>汇编</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  outside = join(base, 'secret.txt');
  writeFileSync(outside, 'secret');
});

describe('app protocol', () => {
  it('maps app:// URLs inside the root', () => {
    expect(resolveAppPath(root, 'app://huibian/')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://huibian/index.html')).toBe(join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://huibian/assets/app.js?v=1#x')).toBe(join(root, 'assets', 'app.js'));
  });

  it('refuses traversal in every spelling, foreign hosts and drive letters', () => {
    const bad = [
      'app://huibian/../secret.txt',
      'app://huibian/%2e%2e/secret.txt',
      'app://huibian/assets/%2e%2e/%2e%2e/secret.txt',
      'app://huibian/..%2fsecret.txt',
      'app://huibian/..%5csecret.txt',
      'app://huibian/assets%5c..%5c..%5csecret.txt',
      'app://huibian/C:/Windows/win.ini',
      'app://huibian/%00index.html',
      'app://evil/index.html',
      'app://huibian/%E0%A4%A',
    ];
    for (const url of bad) expect(resolveAppPath(root, url), url).toBeNull();
  });

  it('answers 200 with the CSP and a MIME type, 403 for traversal, 404 for missing', async () => {
    const handle = createAppProtocolHandler(root);
    const ok = await handle(new Request('app://huibian/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('text/html');
    expect(ok.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await ok.text()).toContain('汇编');
    const js = await handle(new Request('app://huibian/assets/app.js'));
    expect(js.headers.get('content-type')).toContain('javascript');
    // Request (like Chromium) collapses literal "..", so what reaches the handler is encoded.
    expect((await handle(new Request('app://huibian/assets%5c..%5c..%5csecret.txt'))).status).toBe(403);
    expect((await handle(new Request('app://huibian/..%2f..%2fsecret.txt'))).status).toBe(403);
    expect((await handle(new Request('app://evil/index.html'))).status).toBe(403);
    const collapsed = await handle(new Request('app://huibian/%2e%2e/%2e%2e/secret.txt'));
    expect(await collapsed.text()).not.toContain('secret');
    expect((await handle(new Request('app://huibian/nope.js'))).status).toBe(404);
    expect((await handle(new Request('app://huibian/assets'))).status).toBe(404);
    expect((await handle(new Request('app://huibian/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});
