// Batch import: many files or whole folders at once, read off the main thread with limited
// parallelism, each file ending as imported / needs review / new version / duplicate / failed with
// a reason. One failure never stops the rest. The service's Importer port (batchImporter) is the
// one import path of the app, the CLI and the HTTP transport (submissions.import places the items);
// planImport() reads files and folders by path and decides without changing a session (the import
// benchmark and the corpus tests). Nothing here writes.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { countWords, type SourceDoc } from '../model/document';
import {
  SUBMISSION_KIND_NAMES,
  SubmissionSchema,
  type Session,
  type SourceFormat,
  type Submission,
} from '../model/session';
import { intake, normalisedText, type IntakeFields } from '../read/intake/intake';
import { guessKind as guessKindFrom } from '../read/intake/kind';
import { rosterOf } from '../read/intake/roster-match';
import type { AppError, Result } from '../result';
import { formatFromName, isLockFile } from '../read/sniff';
import { DOCX_MAX_BYTES, PDF_MAX_BYTES, TEXT_MAX_BYTES } from '../read/limits';
import type { ImageResolver, ImportedFile, Importer } from '../service/ports';
import { ReadPool, readJob, type ReadJob } from './read-worker';
import { IMPORT_MAX_FILES, expandInputs } from './folder-inputs';

/** Files read at once (the machine kind has 2 cores). */
export const IMPORT_CONCURRENCY = 2;
export { IMPORT_MAX_FILES };

export type FileStatus = 'imported' | 'review' | 'new-version' | 'duplicate' | 'failed';

export interface FileReport {
  /** The path or name as given. */
  file: string;
  status: FileStatus;
  /** Chinese, one line: why this status. */
  reason: string;
  code?: string;
  format?: SourceFormat;
  submissionId?: string;
  /** For new-version / duplicate: the existing submission. */
  existingId?: string;
  title?: string;
  authorLine?: string;
  /** What the intake step recognised (core/read/intake): fields, kind, review reasons. */
  intake?: IntakeFields;
  /** No longer filled (the intake fields replace it); kept until the CLI imports through submissions.import. */
  match?: never;
  warnings: { code: string; message: string }[];
  words?: number;
}

export interface PlannedFile {
  report: FileReport;
  bytes?: Uint8Array;
  /** A legacy file's DOCX conversion: stored as the source, the original kept as its first version. */
  converted?: Uint8Array;
  sha256?: string;
  doc?: SourceDoc;
  submission?: Submission;
}

export interface ImportPlan {
  reports: FileReport[];
  /** New submissions, in input order. */
  submissions: Submission[];
  /** Read documents by submission id (also for new versions, by the existing id). */
  docs: Map<string, SourceDoc>;
  /** Source bytes to store, by the stored relative path. */
  sources: Map<string, Uint8Array>;
  /** Existing submissions whose source is replaced by an equal-text new file. */
  newVersions: { submissionId: string; source: Submission['source'] }[];
}

export interface ImportOptions {
  /** Reader pool; without one files are read in-process (tests, tiny batches). */
  pool?: ReadPool;
  concurrency?: number;
  /** Documents of existing submissions, for new-version detection (by submission id). */
  existingDocs?: Map<string, SourceDoc>;
  now?: () => Date;
  pdfText?: boolean;
  /** Called after each file is read (for a progress bar). */
  onProgress?: (done: number, total: number, file: string) => void;
  /** Cancels the files not yet read; each is reported as 'import.cancelled'. */
  signal?: AbortSignal;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export { normalisedText };

const MAX_BY_FORMAT: Partial<Record<SourceFormat, number>> = {
  docx: DOCX_MAX_BYTES,
  pdf: PDF_MAX_BYTES,
  txt: TEXT_MAX_BYTES,
  md: TEXT_MAX_BYTES,
};
const LEGACY_MAX = 100 * 1024 * 1024;

/** The kind a file's name or title suggests (the section it goes to); see core/read/intake/kind. */
export function guessKind(name: string, title = ''): Submission['kind'] {
  return guessKindFrom({ fileName: name, title }).kind;
}

/** The last folders of a path (where a clerk sorts files: "书面发言/张三.docx"). */
const foldersOf = (file: string) =>
  path
    .dirname(file.replace(/\\/g, '/'))
    .split('/')
    .filter((x) => x && x !== '.')
    .slice(-2);

function failed(file: string, e: AppError, format?: SourceFormat): PlannedFile {
  return { report: { file, status: 'failed', code: e.code, reason: e.message, format, warnings: [] } };
}

/** Reads one file's bytes after checking its size; never reads a file over the cap. */
async function loadFile(file: string): Promise<Result<{ bytes: Uint8Array; format: SourceFormat }>> {
  const name = path.basename(file);
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (e) {
    return {
      ok: false,
      error: {
        code: 'import.not-found',
        message: `找不到文件：${name}（${(e as NodeJS.ErrnoException).code}）`,
        file: name,
      },
    };
  }
  if (isLockFile(name, size))
    return {
      ok: false,
      error: {
        code: 'import.lock-file',
        message: `${name} 是 Word/WPS 打开文档时生成的临时锁定文件，不是材料本身，已跳过；请导入同名的正式文件`,
        file: name,
      },
    };
  const format = formatFromName(name);
  if (!format)
    return {
      ok: false,
      error: {
        code: 'import.unsupported',
        message: `不支持的文件类型：${name}（可导入 .docx、.wps、.doc、.pdf、.txt、.md、.rtf、.odt）`,
        file: name,
      },
    };
  const cap = MAX_BY_FORMAT[format] ?? LEGACY_MAX;
  if (size > cap)
    return {
      ok: false,
      error: {
        code: 'import.too-large',
        message: `${name} 太大（${(size / 1048576).toFixed(0)} MB），此类文件上限为 ${cap / 1048576} MB`,
        file: name,
      },
    };
  try {
    return { ok: true, value: { bytes: new Uint8Array(await readFile(file)), format } };
  } catch (e) {
    return {
      ok: false,
      error: {
        code: 'import.unreadable',
        message: `无法读取 ${name}（${(e as NodeJS.ErrnoException).code}）`,
        file: name,
      },
    };
  }
}

/** Runs tasks with at most `n` in flight, keeping input order in the output. */
async function mapLimit<T, R>(items: T[], n: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

/** A job with a Markdown image resolver reads in-process (a function cannot cross to a worker). */
const read = (opts: ImportOptions, job: ReadJob, resolveImage?: ImageResolver) =>
  opts.pool && !resolveImage ? opts.pool.read(job) : readJob(job, resolveImage);

/**
 * Reads the given files and folders and decides, per file, what importing would do. Writes
 * nothing; the result holds the new submissions, their documents and the bytes to store.
 */
export async function planImport(inputs: string[], session: Session, opts: ImportOptions = {}): Promise<ImportPlan> {
  const { files, missing } = await expandInputs(inputs);
  const errors = missing.map((m): FileReport => ({
    file: m.file,
    status: 'failed',
    code: 'import.not-found',
    reason: m.message,
    warnings: [],
  }));
  let done = 0;
  const progress = (file: string) => opts.onProgress?.(++done, files.length, file);
  const loaded = await mapLimit(files, opts.concurrency ?? IMPORT_CONCURRENCY, async (file) => {
    const p = await readOne(file, opts);
    progress(file);
    return p;
  });
  return decide([...errors.map((report) => ({ report })), ...loaded], session, opts);
}

const cancelled = (file: string): PlannedFile =>
  failed(file, { code: 'import.cancelled', message: `已取消导入：${path.basename(file)}`, file: path.basename(file) });

async function readOne(file: string, opts: ImportOptions): Promise<PlannedFile> {
  if (opts.signal?.aborted) return cancelled(file);
  const f = await loadFile(file);
  if (!f.ok) return failed(file, f.error);
  const r = await read(opts, {
    bytes: f.value.bytes,
    format: f.value.format,
    fileName: path.basename(file),
    pdfText: opts.pdfText,
  });
  if (!r.ok) return failed(file, r.error, f.value.format);
  return {
    report: { file, status: 'imported' as FileStatus, reason: '', format: f.value.format, warnings: r.value.warnings },
    bytes: f.value.bytes,
    converted: r.converted,
    doc: r.value,
    sha256: sha256(f.value.bytes),
  } as PlannedFile;
}

/** The same as planImport for bytes already in memory (drag-and-drop, the service port). */
export async function planImportBytes(
  files: { name: string; bytes: Uint8Array; resolveImage?: ImageResolver }[],
  session: Session,
  opts: ImportOptions = {},
): Promise<ImportPlan> {
  const planned = await mapLimit(files, opts.concurrency ?? IMPORT_CONCURRENCY, async (f) => {
    if (opts.signal?.aborted) return cancelled(f.name);
    const name = path.basename(f.name.replace(/\\/g, '/'));
    const format = formatFromName(name);
    if (isLockFile(name, f.bytes.length))
      return failed(f.name, {
        code: 'import.lock-file',
        message: `${name} 是 Word/WPS 打开文档时生成的临时锁定文件，不是材料本身，已跳过`,
        file: name,
      });
    if (!format)
      return failed(f.name, { code: 'import.unsupported', message: `不支持的文件类型：${name}`, file: name });
    const r = await read(opts, { bytes: f.bytes, format, fileName: name, pdfText: opts.pdfText }, f.resolveImage);
    if (!r.ok) return failed(f.name, r.error, format);
    return {
      report: { file: f.name, status: 'imported' as FileStatus, reason: '', format, warnings: r.value.warnings },
      bytes: f.bytes,
      converted: r.converted,
      doc: r.value,
      sha256: sha256(f.bytes),
    } as PlannedFile;
  });
  return decide(planned, session, opts);
}

function decide(planned: PlannedFile[], session: Session, opts: ImportOptions): ImportPlan {
  const now = (opts.now ?? (() => new Date()))().toISOString();
  const plan: ImportPlan = { reports: [], submissions: [], docs: new Map(), sources: new Map(), newVersions: [] };
  const byHash = new Map<string, string>();
  for (const s of session.submissions) {
    if (s.source.sha256) byHash.set(s.source.sha256, s.id);
    for (const v of s.versions) if (v.sha256) byHash.set(v.sha256, s.id);
  }
  const byText = new Map<string, string>();
  for (const [id, doc] of opts.existingDocs ?? []) {
    const t = normalisedText(doc);
    if (t.length >= 20) byText.set(t, id);
  }
  const usedIds = new Set(session.submissions.map((s) => s.id));
  const roster = rosterOf(session);
  for (const p of planned) {
    const r = p.report;
    plan.reports.push(r);
    if (r.status === 'failed' || !p.doc || !p.bytes || !p.sha256 || !r.format) continue;
    const doc = p.doc;
    const name = path.basename(r.file);
    r.words = countWords(normalisedText(doc));
    const dupOf = byHash.get(p.sha256);
    if (dupOf) {
      r.status = 'duplicate';
      r.existingId = dupOf;
      r.reason = `与已导入的材料完全相同（同一文件），未重复导入`;
      continue;
    }
    const stored = `sources/${p.sha256.slice(0, 16)}.${r.format}`;
    let source: Submission['source'] = { file: stored, format: r.format, sha256: p.sha256, originalName: name };
    const versions: Submission['versions'] = [];
    if (p.converted) {
      // The compile reads the converted DOCX (no LibreOffice needed later); the original stays as
      // the first version, and its hash still recognises the same file if it comes in again.
      const csha = sha256(p.converted);
      const cfile = `sources/${csha.slice(0, 16)}.docx`;
      plan.sources.set(cfile, p.converted);
      versions.push({ file: stored, format: r.format, sha256: p.sha256, replacedAt: now });
      source = { file: cfile, format: 'docx', sha256: csha, originalName: name };
    }
    const text = normalisedText(doc);
    const sameText = text.length >= 20 ? byText.get(text) : undefined;
    if (sameText) {
      r.status = 'new-version';
      r.existingId = sameText;
      const old = session.submissions.find((s) => s.id === sameText);
      r.reason = `内容与已有材料“${old?.title ?? sameText}”相同（文件不同），作为它的新版本`;
      plan.newVersions.push({ submissionId: sameText, source });
      plan.sources.set(stored, p.bytes);
      plan.docs.set(sameText, doc);
      byHash.set(p.sha256, sameText);
      continue;
    }
    const fields = intake({ doc, name: [...foldersOf(r.file), name].join('/') }, session, roster);
    let id = `sub-${p.sha256.slice(0, 10)}`;
    for (let k = 2; usedIds.has(id); k++) id = `sub-${p.sha256.slice(0, 10)}-${k}`;
    usedIds.add(id);
    const submission = SubmissionSchema.parse({
      id,
      title: fields.title,
      authorLine: fields.authorLine,
      memberIds: fields.memberIds,
      kind: fields.kind,
      source,
      versions,
      receivedAt: now,
      status: fields.status,
      ...(fields.label ? { label: fields.label } : {}),
      ...(fields.subtitle ? { subtitle: fields.subtitle } : {}),
      ...(fields.dateLine ? { dateLine: fields.dateLine } : {}),
      ...(fields.organisations ? { organisations: fields.organisations } : {}),
      ...(fields.reviewReasons.length ? { reviewReasons: fields.reviewReasons } : {}),
    });
    r.intake = fields;
    r.status = fields.status === 'review' ? 'review' : 'imported';
    r.reason = fields.reviewReasons.length
      ? fields.reviewReasons.map((x) => x.message).join('；')
      : `作者：${fields.authorLine || '（无）'}；类别：${SUBMISSION_KIND_NAMES[fields.kind]}（依据${fields.kindGuess.source}）`;
    r.submissionId = id;
    r.title = submission.title;
    r.authorLine = submission.authorLine;
    plan.submissions.push(submission);
    plan.docs.set(id, doc);
    plan.sources.set(stored, p.bytes);
    byHash.set(p.sha256, id);
    if (text.length >= 20) byText.set(text, id);
  }
  return plan;
}

/** The service's Importer port over the worker pool (the store calls this; it never writes). */
export function batchImporter(pool?: ReadPool): Importer {
  return {
    async importFiles(files, session) {
      // The service decides duplicates and replacements itself (by hash): read against the roster only.
      const plan = await planImportBytes(files, { ...session, submissions: [] }, { pool });
      return plan.reports.map((r): ImportedFile => {
        const doc = r.submissionId
          ? plan.docs.get(r.submissionId)
          : r.existingId
            ? plan.docs.get(r.existingId)
            : undefined;
        if (r.status === 'failed' || !doc)
          return {
            name: r.file,
            ok: false,
            format: r.format,
            error: { code: r.code ?? 'import.failed', message: r.reason, file: r.file },
            warnings: r.warnings,
          };
        const sub = plan.submissions.find((s) => s.id === r.submissionId);
        const warnings = [...r.warnings];
        for (const x of r.intake?.reviewReasons ?? []) if (x.field) warnings.push({ code: x.code, message: x.message });
        return {
          name: r.file,
          ok: true,
          format: r.format,
          doc,
          title: sub?.title ?? doc.title,
          authorLine: sub?.authorLine ?? doc.authorLine ?? '',
          memberIds: sub?.memberIds ?? [],
          warnings,
        };
      });
    },
  };
}
