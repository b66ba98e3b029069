// Issue 10 §4: scores the importer against a generated corpus of realistic submissions (DOCX, TXT,
// Markdown; every front-matter pattern of dossier-format.md "How submissions arrive"). All files go
// through the real path — the contract call submissions.import of the service with the app's
// importer (core/node batchImporter) and the app's sorter — then each item is compared with what a
// clerk would record. Prints the score table; asserts the targets of the issue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importingService } from './importing-service';
import { inlineText, type SourceDoc } from '../../core/model/document';
import { toBase64 } from '../../core/bytes/base64';
import type { ImportReportEntry } from '../../core/contract/schemas';
import type { Session } from '../../core/model/session';
import { corpusCases, type CaseSpec } from './corpus/cases';
import { renderCase } from './corpus/render';
import { ROSTER } from './corpus/data';
import { must } from '../helpers/result';

const cases = corpusCases(96);
interface Outcome {
  c: CaseSpec;
  entry: ImportReportEntry;
  sub?: Session['submissions'][number];
  doc?: SourceDoc;
  sectionTitle?: string;
}
let outcomes: Outcome[] = [];
let session: Session;
let dispose: () => void = () => {};
let writtenOrder: string[] = [];

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
const firstText = (d?: SourceDoc) => {
  const b = d?.blocks.find((x) => x.type === 'paragraph' || x.type === 'heading');
  return b && (b.type === 'paragraph' || b.type === 'heading') ? inlineText(b.inlines).trim() : '';
};

beforeAll(async () => {
  const svc = importingService();
  dispose = svc.dispose;
  const c = svc.client;
  let v = must(
    await c.call('sessions.create', { name: '政协××市第十三届委员会常务委员会第九次会议', date: '2023-09-20' }),
  );
  const id = v.session.id;
  for (const m of ROSTER)
    v = must(
      await c.call('roster.add', {
        sessionId: id,
        revision: v.revision,
        member: { name: m.name, unit: m.unit ?? '', party: m.party, sector: '', title: '', standing: true },
      }),
    );
  // 书面发言 is kept in stroke order: new items must land where the sorter puts them.
  const written = v.session.sections.find((s) => s.title === '书面发言')!;
  v = must(
    await c.call('sections.sort', { sessionId: id, revision: v.revision, sectionId: written.id, rule: 'stroke' }),
  );
  const files = await Promise.all(cases.map(async (k) => ({ name: k.file, data: toBase64(await renderCase(k)) })));
  const imp = must(await c.call('submissions.import', { sessionId: id, revision: v.revision, files }));
  session = imp.session;
  const memberIdByRosterId = new Map(ROSTER.map((r, k) => [r.id, session.members[k].id]));
  for (const k of cases) {
    k.expect.authors = k.expect.authors.map((a) => memberIdByRosterId.get(a)!);
  }
  outcomes = [];
  for (const k of cases) {
    const entry = imp.report[cases.indexOf(k)];
    const sub = session.submissions.find((s) => s.id === entry?.submissionId);
    const doc = sub ? must(await c.call('submissions.preview', { sessionId: id, submissionId: sub.id })) : undefined;
    const sec = sub ? session.sections.find((s) => s.items.includes(sub.id)) : undefined;
    outcomes.push({ c: k, entry, sub, doc, sectionTitle: sec?.title });
  }
  writtenOrder = session.sections.find((s) => s.title === '书面发言')!.items;
  const check = must(
    await c.call('sections.sort', { sessionId: id, revision: imp.revision, sectionId: written.id, rule: 'stroke' }),
  );
  writtenOrder =
    writtenOrder.length === check.session.sections.find((s) => s.id === written.id)!.items.length &&
    writtenOrder.every((x, k) => x === check.session.sections.find((s) => s.id === written.id)!.items[k])
      ? writtenOrder
      : [];
}, 240_000);
afterAll(() => dispose());

const KIND_SECTION: Record<string, string> = { speech: '大会发言', written: '书面发言', report: '调研报告' };

describe('intake corpus (issue 10 §4)', () => {
  it('imports every file and scores title, subtitle, authors, byline, body start, label, date, kind', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
    const metrics: Record<string, { ok: number; of: number; misses: string[] }> = {};
    const score = (name: string, good: boolean, miss: string) => {
      const m = (metrics[name] ??= { ok: 0, of: 0, misses: [] });
      m.of++;
      if (good) m.ok++;
      else m.misses.push(miss);
    };
    let wrongAccepted = 0;
    const wrong: string[] = [];
    let noAuthor = 0;
    let noAuthorInReview = 0;
    for (const o of outcomes) {
      const { c, sub } = o;
      const e = c.expect;
      const tag = `#${c.n} ${c.file} [${c.format}/${c.layout}]`;
      expect(o.entry?.ok, `${tag}: ${o.entry?.error?.message}`).toBe(true);
      if (!sub) continue;
      score('title', sub.title === e.title, `${tag}: “${sub.title}” ≠ “${e.title}”`);
      score(
        'subtitle',
        (sub.subtitle ?? '') === (e.subtitle ?? ''),
        `${tag}: “${sub.subtitle ?? ''}” ≠ “${e.subtitle ?? ''}”`,
      );
      const authorsOk = same(sub.memberIds, e.authors) && same(sub.organisations ?? [], e.organisations);
      score(
        'authors',
        authorsOk,
        `${tag}: ${sub.memberIds.join(',')}/${(sub.organisations ?? []).join(',')} ≠ ${e.authors.join(',')}/${e.organisations.join(',')}`,
      );
      score('printed byline', sub.authorLine === e.byline, `${tag}: “${sub.authorLine}” ≠ “${e.byline}”`);
      score('body starts right', firstText(o.doc) === e.firstBody, `${tag}: “${firstText(o.doc).slice(0, 20)}”`);
      score('label', (sub.label ?? '') === (e.label ?? ''), `${tag}: “${sub.label ?? ''}” ≠ “${e.label ?? ''}”`);
      score(
        'date line',
        (sub.dateLine ?? '') === (e.date ?? ''),
        `${tag}: “${sub.dateLine ?? ''}” ≠ “${e.date ?? ''}”`,
      );
      score('kind', sub.kind === e.kind, `${tag}: ${sub.kind} ≠ ${e.kind}`);
      score('section', o.sectionTitle === KIND_SECTION[e.kind], `${tag}: ${o.sectionTitle ?? '未编排'}`);
      score('review when it must', !e.mustReview || sub.status === 'review', `${tag}: ${sub.status}`);
      score(
        'no review when sure',
        e.mustReview || sub.status === 'ok',
        `${tag}: ${(sub.reviewReasons ?? []).map((r) => r.message).join('；')}`,
      );
      if (sub.status === 'review')
        expect((sub.reviewReasons ?? []).length, `${tag}: review without a reason`).toBeGreaterThan(0);
      if (sub.status === 'ok' && !authorsOk) {
        wrongAccepted++;
        wrong.push(tag);
      }
      if (e.byline === '' && e.organisations.length === 0) {
        noAuthor++;
        if (sub.status === 'review') noAuthorInReview++;
      }
    }
    const pct = (m: { ok: number; of: number }) => (100 * m.ok) / m.of;
    const rows = Object.entries(metrics).map(
      ([k, m]) => `  ${k.padEnd(20)} ${String(m.ok).padStart(3)}/${m.of}  ${pct(m).toFixed(1).padStart(5)} %`,
    );
    console.log(
      [
        `intake corpus: ${cases.length} files (${['docx', 'txt', 'md'].map((f) => `${cases.filter((c) => c.format === f).length} ${f}`).join(', ')})`,
        ...rows,
        `  files without a detectable author: ${noAuthor}, in review: ${noAuthorInReview}`,
        `  wrong authors accepted without review: ${wrongAccepted}${wrong.length ? ` (${wrong.join('; ')})` : ''}`,
        `  书面发言 kept in stroke order after import: ${writtenOrder.length ? 'yes' : 'NO'}`,
        ...Object.entries(metrics).flatMap(([k, m]) => m.misses.slice(0, 6).map((x) => `  miss ${k}: ${x}`)),
      ].join('\n'),
    );
    expect(pct(metrics['title'])).toBeGreaterThanOrEqual(98);
    expect(pct(metrics['subtitle'])).toBeGreaterThanOrEqual(95);
    expect(pct(metrics['authors'])).toBeGreaterThanOrEqual(97);
    expect(pct(metrics['printed byline'])).toBeGreaterThanOrEqual(95);
    expect(pct(metrics['body starts right'])).toBeGreaterThanOrEqual(97);
    expect(pct(metrics['review when it must'])).toBe(100);
    expect(noAuthor).toBeGreaterThan(0);
    expect(noAuthorInReview).toBe(noAuthor);
    expect(wrongAccepted).toBe(0);
    expect(pct(metrics['kind'])).toBeGreaterThanOrEqual(95);
    expect(pct(metrics['section'])).toBeGreaterThanOrEqual(95);
    expect(writtenOrder.length).toBeGreaterThan(0);
  });

  it('the import report carries the detected fields, the kind, the section and the review reasons', () => {
    for (const o of outcomes.filter((x) => x.sub)) {
      expect(o.entry).toMatchObject({
        title: o.sub!.title,
        authorLine: o.sub!.authorLine,
        kind: o.sub!.kind,
        status: o.sub!.status,
      });
      expect(o.entry.sectionTitle).toBe(o.sectionTitle);
      if (o.sub!.subtitle) expect(o.entry.subtitle).toBe(o.sub!.subtitle);
      if (o.sub!.status === 'review') expect(o.entry.reviewReasons?.length).toBeGreaterThan(0);
      expect(o.entry.kindSource?.length).toBeGreaterThan(0);
    }
  });
});
