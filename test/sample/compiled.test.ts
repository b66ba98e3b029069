// The sample as the engine lays it out: about 160 pages like the real 163-page dossier, speeches of
// one to three pages, reports of three to eight, and every character drawn (fallback, never tofu).
// Uses the compile pipeline without writing files.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SessionSchema, type Session } from '../../core/model/session';
import type { SourceDoc } from '../../core/model/document';
import { readMarkdown } from '../../core/read/markdown';
import { compileDocs, type CompileSummary } from '../../core/node/compile-session';
import { SAMPLE_DIR } from '../../scripts/generate-sample';

let session: Session;
let summary: CompileSummary;

beforeAll(async () => {
  session = SessionSchema.parse(JSON.parse(readFileSync(SAMPLE_DIR + 'session.json', 'utf8')));
  const docs = new Map<string, SourceDoc>(
    session.submissions.map((s) => [s.id, readMarkdown(readFileSync(SAMPLE_DIR + s.source.file, 'utf8'))]),
  );
  const r = await compileDocs(session, docs);
  if (!r.ok) throw new Error(r.error.message);
  summary = r.value;
});

describe('the compiled sample', () => {
  it('is about 160 pages, every item compiled', () => {
    expect(summary.items).toBe(55);
    expect(summary.pages).toBeGreaterThanOrEqual(150);
    expect(summary.pages).toBeLessThanOrEqual(175);
  });
  it('speeches and written speeches take 1–3 pages, reports 3–8', () => {
    const kind = new Map(session.submissions.map((s) => [s.id, s.kind]));
    for (const it of summary.itemDetails) {
      const k = kind.get(it.submissionId);
      if (k === 'report') expect(it.pageCount, it.submissionId).toBeGreaterThanOrEqual(3);
      if (k === 'report') expect(it.pageCount, it.submissionId).toBeLessThanOrEqual(8);
      else expect([1, 2, 3], it.submissionId).toContain(it.pageCount);
    }
  });
  it('characters FandolFang lacks fall back to another font; none is missing', () => {
    expect(summary.fallbackChars).toEqual(expect.arrayContaining(['啰', '瞭', '㛃']));
    expect(summary.missingGlyphs).toEqual([]);
  });
});
