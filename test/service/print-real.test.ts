// Print production through the ONE contract with the app's real ports (HTTP transport, disk store,
// real engine): a saddle-stitch booklet and numbered copies of the bundled sample, downloaded over
// /files/ and checked with pdfinfo / pdftotext (page size, page count, copy numbers on the right
// pages, the recipient's name in the footer); cancellation of a real export.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../core/node/http-server';
import type { ExportProgress, OutputFile } from '../../core/contract';
import { httpClient } from '../contract/http-client';
import { hasTool } from '../helpers/tools';
import { must } from '../helpers/result';

describe('export.print with the real ports over HTTP', () => {
  let server: RunningServer;
  let dataDir: string;
  let client: ReturnType<typeof httpClient>;
  let sessionId: string;
  const tools = hasTool('pdfinfo') && hasTool('pdftotext');

  async function download(f: OutputFile): Promise<string> {
    const res = await fetch(`${server.url}${f.url}`, { headers: { Authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.length).toBe(f.size);
    const file = path.join(dataDir, `dl-${f.name}`);
    await writeFile(file, bytes);
    return file;
  }
  const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pagesOf = (file: string) => Number(/Pages:\s+(\d+)/.exec(info(file))![1]);
  const text = (file: string, page: number) =>
    execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', file, '-'], { encoding: 'utf8' });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'huibian-print-'));
    server = await startServer({ dataDir, overrides: { saveRetryMs: 5000 } });
    client = httpClient(server.url, server.token);
    const v = must(await client.call('sessions.create', { name: '示例会议', template: 'sample' }));
    sessionId = v.session.id;
  }, 120_000);
  afterAll(async () => {
    client?.close();
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('makes a saddle-stitch booklet of the sample: A3 landscape sheets, 4 pages a sheet', async () => {
    const seen: ExportProgress[] = [];
    const off = client.on('export.progress', (p) => seen.push(p));
    const t0 = Date.now();
    const r = must(
      await client.call('export.print', { sessionId, as: 'booklet', creepMm: 0.2, exportId: 'booklet-1' }),
    );
    const ms = Date.now() - t0;
    console.log(
      `[figure] export.print booklet of the sample over HTTP: ${ms} ms, ${r.report.pages} pages, ${r.files[0].size} bytes`,
    );
    expect(r.files.map((f) => f.name)).toEqual(['示例会议-汇编-骑马订小册子.pdf']);
    expect(r.report.pages % 4).toBe(0);
    expect(r.report.pages).toBeGreaterThan(100);
    expect(r.report.printSheet?.mode).toBe('booklet');
    expect(r.files[0].pages).toBe(r.report.pages / 2);
    await new Promise((res) => setTimeout(res, 100));
    off();
    expect(seen.filter((p) => p.exportId === 'booklet-1').map((p) => p.state)).toContain('running');
    expect(seen.filter((p) => p.exportId === 'booklet-1').at(-1)?.state).toBe('done');
    if (!tools) return;
    const file = await download(r.files[0]);
    expect(pagesOf(file)).toBe(r.report.pages / 2);
    const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info(file))!;
    expect(Math.round(Number(size[1]))).toBe(1191);
    expect(Math.round(Number(size[2]))).toBe(842);
  }, 120_000);

  it('makes numbered copies with the recipients in the footer and the register beside them', async () => {
    const recipients = ['张三', '李四', '王五'];
    const r = must(
      await client.call('export.print', {
        sessionId,
        as: 'copies',
        recipients,
        recipientMark: 'footer',
        withRegister: true,
        startNumber: 7,
      }),
    );
    expect(r.report.copies).toBe(3);
    expect(r.files.map((f) => f.name)).toEqual(['示例会议-汇编-编号本.pdf', '示例会议-汇编-编号本-分发清退登记表.pdf']);
    const perCopy = r.report.pages;
    expect(r.files[0].pages).toBe(perCopy * 3);
    if (!tools) return;
    const copies = await download(r.files[0]);
    expect(pagesOf(copies)).toBe(perCopy * 3);
    // Each copy's cover carries its own six-digit number; a later page carries the recipient.
    expect(text(copies, 1)).toContain('000007');
    expect(text(copies, perCopy + 1)).toContain('000008');
    expect(text(copies, 2 * perCopy + 1)).toContain('000009');
    expect(text(copies, perCopy + 3)).toContain('李四');
    expect(text(copies, 1)).not.toContain('000008');
    const register = await download(r.files[1]);
    const reg = execFileSync('pdftotext', ['-layout', register, '-'], { encoding: 'utf8' });
    for (const n of ['000007', '000008', '000009', '张三', '李四', '王五']) expect(reg).toContain(n);
  }, 120_000);

  it('cancels a real export and writes no half file', async () => {
    const events: ExportProgress[] = [];
    let started!: () => void;
    const running = new Promise<void>((res) => (started = res));
    const off = client.on('export.progress', (p) => {
      if (p.exportId !== 'copies-cancel') return;
      events.push(p);
      started();
    });
    const pending = client.call('export.print', { sessionId, as: 'copies', copies: 50, exportId: 'copies-cancel' });
    await running;
    expect(must(await client.call('export.cancel', { exportId: 'copies-cancel' })).cancelled).toBe(1);
    const r = await pending;
    expect(!r.ok && r.error.code).toBe('export.cancelled');
    await new Promise((res) => setTimeout(res, 100));
    off();
    expect(events.at(-1)?.state).toBe('cancelled');
  }, 120_000);
});
