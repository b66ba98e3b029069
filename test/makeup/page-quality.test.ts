// The page make-up measured as a reader holds the dossier: the sample session and a session of
// generated Word submissions are compiled to PDF and read back with pdftotext -bbox
// (page-quality.ts). With the make-up settings off the faults of issue 11 are there (so the
// checker sees them); with the careful defaults the counts meet the targets. Skips without
// poppler unless CI=true (see ../compile/poppler.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDossierPdf } from '../../core/compile';
import type { SourceDoc } from '../../core/model/document';
import { buildDossier } from '../../core/model/dossier';
import type { Session } from '../../core/model/session';
import { loadFontSet } from '../../core/node/fonts';
import { samplesDir } from '../../core/node/paths';
import { loadSessionFolder } from '../../core/node/session-folder';
import { hasPoppler } from '../compile/poppler';
import { generatedSession } from './gen-session';
import { checkPdf, summary, type QualityReport } from './page-quality';

const tmp = mkdtempSync(path.join(tmpdir(), 'hb-makeup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function compileAndCheck(name: string, session: Session, docs: Map<string, SourceDoc>): Promise<QualityReport> {
  const { dossier } = buildDossier(session, docs);
  const res = await compileDossierPdf(dossier, await loadFontSet(session.layout));
  const file = path.join(tmp, `${name}.pdf`);
  writeFileSync(file, res.pdf);
  const r = checkPdf(file);
  console.log(`[makeup] ${name}:\n${summary(r)}`);
  return r;
}

function expectTargets(r: QualityReport): void {
  expect(r.widows).toBe(0);
  expect(r.orphans).toBe(0);
  expect(r.headingsStranded).toBe(0);
  expect(r.notesOnlyPages).toBe(0);
  expect(r.notesAway).toBe(0);
  expect(r.shortTails).toBe(0);
  expect(r.loneChars / r.paragraphs).toBeLessThanOrEqual(0.01);
  expect((r.fullLinesOnGrid + r.fullLinesPushed) / r.fullLines).toBeGreaterThanOrEqual(0.98);
}

describe.runIf(hasPoppler)('page make-up, read back from the PDF', () => {
  let sample: { session: Session; docs: Map<string, SourceDoc> };
  beforeAll(async () => {
    const loaded = await loadSessionFolder(path.join(samplesDir(), 'qi-culture'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    sample = loaded.value;
  });

  it('finds the faults of issue 11 in the sample when the make-up is off', async () => {
    const layout = {
      ...sample.session.layout,
      widowControl: false,
      footnotePlacement: 'end' as const,
      tailMinLines: 0,
      avoidLoneChar: false,
    };
    const r = await compileAndCheck('sample-off', { ...sample.session, layout }, sample.docs);
    expect(r.widows).toBeGreaterThan(10);
    expect(r.orphans).toBeGreaterThan(10);
    expect(r.loneChars).toBeGreaterThan(20);
    expect(r.shortTails).toBeGreaterThan(0);
    expect(r.notesOnlyPages).toBeGreaterThan(0);
  }, 120_000);

  it('sets the sample with no widow, orphan, stranded note or short tail, and 孤字 in ≤ 1 % of paragraphs', async () => {
    const r = await compileAndCheck('sample', sample.session, sample.docs);
    expect(r.items).toBe(55);
    expectTargets(r);
  }, 120_000);

  it('sets a session of generated Word submissions (long notes, tables, subtitles) to the same standard', async () => {
    const gen = await generatedSession(24, 3);
    const r = await compileAndCheck('generated', gen.session, gen.docs);
    expect(r.items).toBe(24);
    expect(r.bodyPages).toBeGreaterThan(100);
    expectTargets(r);
  }, 180_000);
});
