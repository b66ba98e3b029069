// `huibian sort` end to end: the real CLI through its bin, names on stdin, sorted names on stdout,
// the second column kept, unknown characters on stderr.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve(__dirname, '../../cli/bin.mjs');
const sort = (input: string, ...args: string[]) =>
  spawnSync(process.execPath, [bin, 'sort', ...args], { input, encoding: 'utf8' });

describe('huibian sort', () => {
  it('sorts by 姓氏笔画 by default, keeping the tab-separated column and reporting unknown characters', () => {
    const r = sort('田大利\t民进\n劉明\n王勇\t民盟\n\n于洋\nSmith\n田富\t民盟\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('于洋\n王勇\t民盟\n田富\t民盟\n田大利\t民进\n劉明\nSmith\n');
    expect(r.stderr).toContain('劉');
  });

  it('compares actual characters with --actual-chars, and sorts by pinyin with --rule pinyin', () => {
    expect(sort('田富\n田大利\n', '--actual-chars').stdout).toBe('田大利\n田富\n');
    expect(sort('曾国藩\n崔健\n单田芳\n任一\n', '--rule', 'pinyin').stdout).toBe('崔健\n任一\n单田芳\n曾国藩\n');
  });

  it('rejects an unknown rule with a usage error', () => {
    const r = sort('王勇\n', '--rule', 'icu');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('icu');
  });
});
