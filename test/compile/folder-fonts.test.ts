// A folder compile (the CLI's, through the contract) starts reading the font files while the
// sources are parsed (Compiler.prefetch): a font that cannot be read must still come back as the
// compile's error value naming the file (no unhandled rejection, no crash), and a good folder
// still compiles.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileFolder } from '../../cli/commands/compile';
import { fixtureSession, han } from './fixture';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(layout: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hb-folder-fonts-'));
  dirs.push(dir);
  const { session } = fixtureSession();
  writeFileSync(
    path.join(dir, 'session.json'),
    JSON.stringify({ ...session, layout: { ...session.layout, ...layout } }),
  );
  for (const f of ['a', 'b', 'c']) writeFileSync(path.join(dir, `${f}.md`), `${han(120)}\n\n${han(80, 3)}\n`);
  return dir;
}

describe('a folder compile with fonts read alongside the sources', () => {
  it('reports an unreadable font file as font.not-found naming the file', async () => {
    const dir = folder({ fonts: { fang: { file: path.join(tmpdir(), 'hb-no-such-font.ttf') } } });
    const r = await compileFolder(dir, { pdfPath: path.join(dir, 'out.pdf') });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('font.not-found');
      expect(r.error.message).toContain('hb-no-such-font.ttf');
    }
  });

  it('compiles a good folder', async () => {
    const dir = folder({});
    const r = await compileFolder(dir, { pdfPath: path.join(dir, 'out.pdf') });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.job.result!.pageCount).toBeGreaterThan(3);
  });
});
