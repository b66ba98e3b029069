// The caps of a session bundle (会议包), derived from what a session can legitimately hold, so that
// everything bundle.export writes, bundle.import accepts (issue 13, points 1 and 5):
// - one source entry may be as large as the largest file the importer accepts;
// - a whole bundle is at most BUNDLE_MAX_BYTES (a plain zip without zip64, read in one piece);
//   export refuses beyond that with a clear message instead of writing a bundle nobody can open;
// - the session inside obeys the same limits as the calls that create the data (name length,
//   roster size …): a bundle is not a way around the contract.
import { z } from 'zod';
import { DOCX_MAX_BYTES, PDF_MAX_BYTES, TEXT_MAX_BYTES } from '../read/limits';
import type { Session } from '../model/session';
import { describeIssues } from '../model/session';

/** Legacy .doc/.wps/.rtf/.odt, as the batch importer caps them (core/node/import-batch.ts). */
export const LEGACY_SOURCE_MAX_BYTES = 100 * 1024 * 1024;
/** The largest source file a session can hold: the largest per-file cap of the importer. */
export const SOURCE_MAX_BYTES = Math.max(PDF_MAX_BYTES, DOCX_MAX_BYTES, TEXT_MAX_BYTES, LEGACY_SOURCE_MAX_BYTES);
/** A body entry (JSON of an imported document; images inline as base64) may be a third larger. */
export const BODY_ENTRY_MAX_BYTES = Math.ceil(SOURCE_MAX_BYTES * 1.4);
/** session.json inside a bundle (20,000 members and 10,000 submissions stay far below). */
export const SESSION_ENTRY_MAX_BYTES = 64 * 1024 * 1024;
/** A whole bundle: a zip without zip64 and one read of a file (Node reads at most 2 GiB at once). */
export const BUNDLE_MAX_BYTES = 2 * 1024 * 1024 * 1024 - 1;
/** From this size on, export tells the clerk the bundle is large (copying and importing take a while). */
export const BUNDLE_LARGE_BYTES = 300 * 1024 * 1024;
/** Entries: session, manifest, every source and version, bodies. */
export const BUNDLE_MAX_ENTRIES = 60_000;
/** Bodies bigger than this (images, PDFs) are left out of a bundle: re-read from their source on open. */
export const BUNDLED_BODY_MAX_BYTES = 256 * 1024;

export const BUNDLE_ZIP_LIMITS = {
  maxEntries: BUNDLE_MAX_ENTRIES,
  maxEntryBytes: Math.max(BODY_ENTRY_MAX_BYTES, SESSION_ENTRY_MAX_BYTES),
  maxTotalBytes: BUNDLE_MAX_BYTES,
  ratioCheckFromBytes: 1024 * 1024,
  minRatio: 0.01,
};

// The limits of the calls that create the data (core/contract/api.ts; test/store/bundle-round2
// checks they agree): sessions.create/rename name ≤ 200, sections.create title ≤ 100, the roster
// importer's 20,000 rows, an import batch of 500 files at a time.
export const SESSION_NAME_MAX = 200;
export const SECTION_TITLE_MAX = 100;
export const MAX_MEMBERS = 20_000;
export const MEMBER_FIELD_MAX = 200;
export const MAX_SUBMISSIONS = 10_000;
export const MAX_SECTIONS = 500;
export const TEXT_FIELD_MAX = 2_000;
export const PREFACE_MAX = 50_000;

const field = z.string().max(MEMBER_FIELD_MAX);
const MemberLimits = z.object({
  name: z.string().min(1).max(MEMBER_FIELD_MAX),
  sector: field.optional(),
  title: field.optional(),
  unit: field.optional(),
  party: field.optional(),
  rank: field.optional(),
  ethnicity: field.optional(),
});
const SubmissionLimits = z.object({
  title: z.string().max(TEXT_FIELD_MAX),
  authorLine: z.string().max(TEXT_FIELD_MAX),
  memberIds: z.array(z.string()).max(MAX_MEMBERS),
});
const SessionLimits = z.object({
  name: z.string().min(1).max(SESSION_NAME_MAX),
  theme: z.string().max(TEXT_FIELD_MAX).optional(),
  bookTitle: z.string().max(TEXT_FIELD_MAX).optional(),
  organiser: z.string().max(TEXT_FIELD_MAX).optional(),
  preface: z.string().max(PREFACE_MAX).optional(),
  members: z.array(MemberLimits).max(MAX_MEMBERS),
  sections: z
    .array(z.object({ title: z.string().max(SECTION_TITLE_MAX), items: z.array(z.string()).max(MAX_SUBMISSIONS) }))
    .max(MAX_SECTIONS),
  submissions: z.array(SubmissionLimits).max(MAX_SUBMISSIONS),
});

/** Only the sizes of the lists and the name: cheap enough to run before the full schema. */
const SessionCounts = z.object({
  name: z.string().max(SESSION_NAME_MAX).optional(),
  members: z.array(z.unknown()).max(MAX_MEMBERS).optional(),
  sections: z.array(z.unknown()).max(MAX_SECTIONS).optional(),
  submissions: z.array(z.unknown()).max(MAX_SUBMISSIONS).optional(),
});

const FIELD_NAMES: Record<string, string> = {
  name: '会议名称',
  theme: '会议主题',
  bookTitle: '汇编书名',
  organiser: '主办单位',
  preface: '前言',
  members: '委员名单',
  sections: '栏目',
  submissions: '材料',
  title: '标题',
  authorLine: '作者行',
  memberIds: '关联委员',
};

/** Why a session breaks the contract's limits (Chinese, at most three reasons), or null. */
export function sessionLimitProblems(session: Session, opts: { countsOnly?: boolean } = {}): string[] | null {
  const p = (opts.countsOnly ? SessionCounts : SessionLimits).safeParse(session);
  if (p.success) return null;
  return p.error.issues.slice(0, 3).map((i) => {
    const where = i.path
      .map((k) => (typeof k === 'number' ? `第 ${k + 1} 项` : (FIELD_NAMES[String(k)] ?? String(k))))
      .join(' ');
    if (
      i.code === 'too_big' &&
      i.path.length === 1 &&
      Array.isArray((session as Record<string, unknown>)[String(i.path[0])])
    ) {
      const n = ((session as Record<string, unknown>)[String(i.path[0])] as unknown[]).length;
      return `${where}有 ${n} 项，超过上限 ${String((i as { maximum?: unknown }).maximum)} 项`;
    }
    if (i.code === 'too_big') return `${where}超过 ${String((i as { maximum?: unknown }).maximum)} 个字符`;
    return `${where}：${describeIssues(new z.ZodError([i])).join('')}`;
  });
}

export const mb = (n: number) => `${(n / 1048576).toFixed(n < 10 * 1048576 ? 1 : 0)} MB`;
