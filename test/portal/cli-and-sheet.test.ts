// `huibian portal links` (stdout, CSV for Excel, the QR sheet PDF) and the QR sheet itself: every
// member's name on it, one QR code per link, module matrix of the URL.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withLocalClient } from '../../cli/local-client';
import { run } from '../../cli/commands/portal';
import decodeQR from 'qr/decode.js';
import { qrMatrix } from '../../core/portal/qr-sheet';
import { hasPoppler } from '../compile/poppler';

describe('huibian portal links', () => {
  let dataDir: string;
  let sessionId = '';
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'huibian-portal-cli-'));
    await withLocalClient(dataDir, async (c) => {
      const must = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
      let v = must(await c.call('sessions.create', { name: '第九次常委会议', date: '2026-12-09' }));
      sessionId = v.session.id;
      for (const name of ['欧阳明', '孙喆'])
        v = must(await c.call('roster.add', { sessionId, revision: v.revision, member: { name, sector: '经济界' } }));
    });
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const capture = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const o = vi.spyOn(console, 'log').mockImplementation((s) => void out.push(String(s)));
    const e = vi.spyOn(console, 'error').mockImplementation((s) => void err.push(String(s)));
    try {
      return { code: await run(argv), out: out.join('\n'), err: err.join('\n') };
    } finally {
      o.mockRestore();
      e.mockRestore();
    }
  };

  it('prints one line per member with a personal URL, the same on a second run', async () => {
    const a = await capture(['links', sessionId, '--data', dataDir]);
    expect(a.code).toBe(0);
    const lines = a.out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^欧阳明\t经济界\thttp:\/\/[^/]+:8790\/s\/[A-Za-z0-9_-]{32}$/);
    const b = await capture(['links', sessionId, '--data', dataDir]);
    expect(b.out).toBe(a.out);
  });

  it('writes a CSV Excel opens (BOM, CRLF) with the notice text', async () => {
    const file = path.join(dataDir, 'links.csv');
    const r = await capture(['links', sessionId, '--out', file, '--data', dataDir]);
    expect(r.code).toBe(0);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\ufeff姓名,界别,链接,通知\r\n')).toBe(true);
    expect(text).toContain('孙喆');
    expect(text).toContain('截止时间');
  });

  it('writes the QR sheet PDF with every name', async () => {
    const file = path.join(dataDir, 'qr.pdf');
    const r = await capture(['links', sessionId, '--out', file, '--data', dataDir]);
    expect(r.code).toBe(0);
    const pdf = await readFile(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (hasPoppler) {
      const text = execFileSync('pdftotext', [file, '-']).toString('utf8');
      expect(text).toContain('欧阳明');
      expect(text).toContain('孙喆');
      expect(text).toContain('网上报送');
      // Every QR code on the sheet scans back to its member's URL (rendered at 150 dpi, cut per cell).
      const ppm = execFileSync('pdftoppm', ['-r', '150', '-f', '1', '-l', '1', file], { maxBuffer: 64 * 1024 * 1024 });
      const links = (await capture(['links', sessionId, '--data', dataDir])).out
        .split('\n')
        .map((l) => l.split('\t')[2]);
      const page = parsePpm(ppm);
      const px = (mmv: number) => Math.round((mmv / 25.4) * 150);
      const cellW = px(60);
      const x0 = Math.round((page.width - 3 * cellW) / 2);
      const decoded = links.map((_, k) =>
        decodeQR(crop(page, x0 + (k % 3) * cellW, px(28) + Math.floor(k / 3) * px(60), cellW, px(50))),
      );
      expect(decoded).toEqual(links);
    }
  });

  it('takes the session folder in the data folder as well as its id', async () => {
    const byId = await capture(['links', sessionId, '--data', dataDir]);
    const byDir = await capture(['links', path.join(dataDir, 'sessions', sessionId)]);
    expect(byDir.code).toBe(0);
    expect(byDir.out).toBe(byId.out);
    const notSession = await capture(['links', dataDir]);
    expect(notSession.code).toBe(2);
    expect(notSession.err).toContain('没有 session.json');
  });

  it('refuses bad arguments with exit code 2', async () => {
    expect((await capture(['links'])).code).toBe(2);
    expect((await capture(['links', sessionId, '--out', 'x.txt', '--data', dataDir])).code).toBe(2);
    expect((await capture(['nope', sessionId])).code).toBe(2);
  });

  it('encodes a URL as a square QR matrix with finder patterns', () => {
    const m = qrMatrix('http://192.168.1.20:8790/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(m.length).toBe(m[0].length);
    expect(m.length).toBeGreaterThanOrEqual(25);
    // The 7×7 finder pattern in the top-left corner: dark ring, light ring, dark 3×3 core.
    expect([0, 1, 2, 3, 4, 5, 6].every((k) => m[0][k] && m[6][k] && m[k][0] && m[k][6])).toBe(true);
    expect(m[1][1] || m[1][5]).toBe(false);
    expect(m[3][3]).toBe(true);
  });
});

function parsePpm(b: Buffer): { width: number; height: number; data: Uint8Array } {
  const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(b.subarray(0, 50).toString('latin1'))!;
  return { width: +m[1], height: +m[2], data: new Uint8Array(b.subarray(m[0].length)) };
}

function crop(img: { width: number; data: Uint8Array }, x: number, y: number, w: number, h: number) {
  const out = new Uint8Array(w * h * 3);
  for (let r = 0; r < h; r++)
    out.set(img.data.subarray(((y + r) * img.width + x) * 3, ((y + r) * img.width + x + w) * 3), r * w * 3);
  return { width: w, height: h, data: out };
}
