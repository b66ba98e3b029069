// `huibian export` through the contract (export.print over the session folder's client): an
// unreadable item prints as the notice page with a warning naming the file (as compile and the
// app do), per-copy copies and their register land in the --out folder with nothing written
// beside the session, and an out-of-range number gives the Chinese message and exit code 2.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../cli/commands/export';
import { hasPoppler } from '../compile/poppler';
import { writeSessionFolder } from './session-fixture';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const BODY = '近年来，我市数字乡村建设取得积极进展，但基础设施仍然薄弱，需要统筹推进、久久为功。';

function folder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'hb-export-cli-'));
  dirs.push(root);
  const dir = writeSessionFolder(
    root,
    [
      { id: 'a', title: '关于数字乡村的建议', file: 'a.md', format: 'md' },
      { id: 'b', title: '损坏的发言', file: 'bad.docx', format: 'docx' },
    ],
    {},
    'export-test',
  );
  writeFileSync(path.join(dir, 'a.md'), `# 关于数字乡村的建议\n\n${BODY}\n`);
  writeFileSync(path.join(dir, 'bad.docx'), new TextEncoder().encode('这不是 Word 文件'));
  return dir;
}

let out: string[] = [];
let errs: string[] = [];
beforeEach(() => {
  out = [];
  errs = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a) => void errs.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const pdfText = (f: string) => execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');

describe('huibian export', () => {
  it('prints an unreadable item as the notice page and names it in a warning', async () => {
    const dir = folder();
    const before = readdirSync(dir).sort();
    const file = path.join(path.dirname(dir), 'out', 'screen.pdf');
    expect(await run([dir, '--as', 'screen', '--out', file])).toBe(0);
    expect(out.join('\n')).toContain(`已写入 ${file}`);
    expect(errs.join('\n')).toMatch(/注意：.*损坏的发言.*bad\.docx/);
    if (hasPoppler) {
      const text = pdfText(file);
      expect(text).toContain('文件无法读取，请检查原件：bad.docx');
      expect(text).toContain('我市数字乡村建设取得积极进展');
    }
    // Nothing is written beside the session (outputs are staged, then copied to --out only).
    expect(readdirSync(dir).sort()).toEqual(before);
  }, 120_000);

  it('writes one file per copy and the register into the --out folder, with the layout override', async () => {
    const dir = folder();
    const plain = path.join(path.dirname(dir), 'plain.pdf');
    expect(await run([dir, '--as', 'copies', '--copies', '1', '--out', plain])).toBe(0);
    expect(out.join('\n')).toContain('印刷方式：单面印刷');
    out = [];
    const target = path.join(path.dirname(dir), '编号本');
    const args = ['--as', 'copies', '--copies', '2', '--digits', '3', '--per-copy', '--with-register'];
    const code = await run([dir, ...args, '--binding', 'duplex', '--out', target]);
    expect(code).toBe(0);
    const names = readdirSync(target).sort();
    expect(names).toHaveLength(3);
    expect(names).toContain('分发清退登记表.pdf');
    expect(names.filter((n) => /第00[12]号\.pdf$/.test(n))).toHaveLength(2);
    // --binding duplex reached the product: printed both sides, every copy padded to an even count.
    expect(out.join('\n')).toContain('印刷方式：双面印刷');
    const copy = names.find((n) => n.includes('第001号'))!;
    expect((await PDFDocument.load(readFileSync(path.join(target, copy)))).getPageCount() % 2).toBe(0);
    expect(out.at(-1)).toMatch(/^完成：3 个文件/);
  }, 120_000);

  it('refuses out-of-range numbers with the Chinese message and exit code 2, writing nothing', async () => {
    const dir = folder();
    const file = path.join(path.dirname(dir), 'x.pdf');
    expect(await run([dir, '--as', 'copies', '--copies', '99999', '--out', file])).toBe(2);
    expect(errs.join('\n')).toContain('参数错误：--copies 应为 1～5000 之间的整数，收到：99999');
    expect(await run([dir, '--as', 'printsheet', '--spare', '60', '--out', file])).toBe(2);
    expect(errs.join('\n')).toContain('--spare 应为 0～50 之间的数，收到：60');
    expect(readdirSync(path.dirname(dir))).toEqual(['session']);
  });
});
