// The ONE service contract: every call the UI, the CLI, Electron IPC and the HTTP transport make,
// by name ('noun.verb') → { input, output } zod schemas. Add calls; never rename or remove one
// (the renderer is built against these names). Pure: no node, no DOM, no storage here.
import { z } from 'zod';
import { SourceDocSchema } from '../model/document';
import { MemberSchema, SessionSchema } from '../model/session';
import { FontRefSchema, LayoutSettingsSchema } from '../model/settings';
import {
  CompileJobSchema,
  FileInputSchema,
  HistoryStateSchema,
  IdSchema,
  ImportReportEntrySchema,
  LayoutPatchSchema,
  MemberInputSchema,
  MemberPatchSchema,
  OpenResultSchema,
  OutputFileSchema,
  PlacedSubmissionSchema,
  SaveStateSchema,
  SessionMetaPatchSchema,
  SessionSummarySchema,
  SessionViewSchema,
  SnapshotInfoSchema,
  SortRuleSchema,
  StatsSchema,
  SubmissionPatchSchema,
  TrashEntrySchema,
} from './schemas';
import { ExportPrintInputSchema, ExportPrintOutputSchema } from './print-schemas';
import {
  MEMBER_SORT_RULES,
  RosterMappingSchema,
  RosterPreviewSchema,
  RosterProblemSchema,
  UnknownCharsFields,
} from './roster-schemas';
import { portalApi } from './portal-api';
import { BulkIdsSchema, ImportRecordSchema, SubmissionBulkPatchSchema, TrashedItemSchema } from './bulk-schemas';

const sessionRef = { sessionId: IdSchema };
/** Every call that edits a session carries the revision the client last saw (S8). */
const editRef = { sessionId: IdSchema, revision: z.number().int().nonnegative() };

const def = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const api = {
  // ── app ────────────────────────────────────────────────────────────────────
  /** Version and where data lives (for the About box and bug reports). */
  'app.info': def(
    z.object({}),
    z.object({ version: z.string(), schemaVersion: z.number().int(), dataDir: z.string(), transport: z.string() }),
  ),

  // ── sessions ───────────────────────────────────────────────────────────────
  /** Sessions, most recently opened first. */
  'sessions.list': def(z.object({}), z.array(SessionSummarySchema)),
  /**
   * A new session: 'blank' (name/date only, the usual two sections), 'sample' (the 齐文化 sample
   * with its sources), or 'copy' of an existing session's settings and sections (no submissions).
   */
  'sessions.create': def(
    z.object({
      name: z.string().min(1).max(200),
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
        .optional(),
      theme: z.string().optional(),
      template: z.enum(['blank', 'sample', 'copy']).default('blank'),
      /** For template 'copy'. */
      fromSessionId: IdSchema.optional(),
    }),
    SessionViewSchema,
  ),
  /** Opens a session (or reports that it needs recovery from a snapshot). */
  'sessions.open': def(z.object(sessionRef), OpenResultSchema),
  /** The current view of an open session (save state, history, revision) without changing anything. */
  'sessions.state': def(z.object(sessionRef), SessionViewSchema),
  /**
   * Closes a session in this process (releases ownership so another window or PC can edit it).
   * Refused with 'store.save-failed' while a change is still unsaved.
   */
  'sessions.close': def(z.object(sessionRef), z.object({ closed: z.boolean() })),
  /** Retries a failed save now (saves are also retried automatically). */
  'sessions.save': def(z.object(sessionRef), SaveStateSchema),
  'sessions.rename': def(z.object({ ...editRef, name: z.string().min(1).max(200) }), SessionViewSchema),
  /** A full copy (submissions and sources included) under a new id. */
  'sessions.duplicate': def(
    z.object({ ...sessionRef, name: z.string().min(1).max(200).optional() }),
    SessionSummarySchema,
  ),
  /** Moves the session folder to the trash (restorable). */
  'sessions.delete': def(z.object(sessionRef), TrashEntrySchema),
  'sessions.trash.list': def(z.object({}), z.array(TrashEntrySchema)),
  'sessions.trash.restore': def(z.object({ trashId: IdSchema }), SessionSummarySchema),
  /** Deletes trashed sessions for good; all of them, or the given ones. */
  'sessions.trash.empty': def(
    z.object({ trashIds: z.array(IdSchema).optional() }),
    z.object({ removed: z.number().int() }),
  ),

  // ── snapshots and bundles ──────────────────────────────────────────────────
  /** Snapshots of session.json, newest first (last 20 + one a day for a week). */
  'snapshots.list': def(z.object(sessionRef), z.array(SnapshotInfoSchema)),
  /** Takes a snapshot of the current state now (a clerk's "save a version" before big changes). */
  'snapshots.create': def(z.object(sessionRef), SnapshotInfoSchema),
  /**
   * Restores a snapshot as the current session (the current state is snapshotted first, so a
   * restore can itself be undone by restoring). `revision` is required when the session is open
   * and healthy; omit it when recovering a damaged session.
   */
  'snapshots.restore': def(
    z.object({ ...sessionRef, snapshotId: IdSchema, revision: z.number().int().nonnegative().optional() }),
    SessionViewSchema,
  ),
  /** Exports one .zip (session + sources + bodies) to hand to a colleague. */
  /** `notice`: set when the bundle is large (the UI and the CLI show it at export time). */
  'bundle.export': def(
    z.object({ ...sessionRef, targetPath: z.string().optional() }),
    OutputFileSchema.extend({ notice: z.object({ code: z.string(), message: z.string() }).optional() }),
  ),
  /** Imports a bundle as a new session (checked like a hostile file: caps, no path traversal). */
  'bundle.import': def(z.object({ file: FileInputSchema }), SessionSummarySchema),

  // ── roster ─────────────────────────────────────────────────────────────────
  'roster.list': def(z.object(sessionRef), z.array(MemberSchema)),
  'roster.add': def(z.object({ ...editRef, member: MemberInputSchema }), SessionViewSchema),
  'roster.update': def(z.object({ ...editRef, memberId: IdSchema, patch: MemberPatchSchema }), SessionViewSchema),
  /** Removes members; their ids are also removed from submissions' memberIds. */
  'roster.remove': def(z.object({ ...editRef, memberIds: z.array(IdSchema).min(1) }), SessionViewSchema),
  /**
   * Imports a roster from .csv / .tsv / .txt / .xlsx: a header row with 姓名 (required) and any of
   * 性别 民族 界别 党派 职务 单位 职级. mode 'merge' updates members with the same name.
   */
  'roster.import': def(
    z.object({
      ...editRef,
      file: FileInputSchema,
      mode: z.enum(['merge', 'replace']).default('merge'),
      /** Column mapping chosen by the clerk (from roster.preview); default: the proposed one. */
      mapping: RosterMappingSchema.optional(),
    }),
    SessionViewSchema.extend({
      report: z.object({
        added: z.number().int(),
        updated: z.number().int(),
        /** Rows not imported (no name, a note line …). */
        skipped: z.array(RosterProblemSchema),
        /** Every problem by row, including rows imported with a note to check. */
        problems: z.array(RosterProblemSchema).default([]),
        /** Names found on more than one row (all kept). */
        duplicates: z.array(z.object({ name: z.string(), rows: z.array(z.number().int()) })).default([]),
        /** Encoding a text roster was read in (utf-8, gb18030, utf-16le …). */
        encoding: z.string().optional(),
      }),
    }),
  ),
  /**
   * Reads a roster file (.xlsx, or .csv/.tsv/.txt in UTF-8, UTF-16 or GBK) without changing anything:
   * headers, the proposed column mapping, the first rows and what an import would report.
   * Pass `mapping` to see the effect of another mapping.
   */
  'roster.preview': def(
    z.object({
      ...sessionRef,
      file: FileInputSchema,
      mapping: RosterMappingSchema.optional(),
      maxRows: z.number().int().min(1).max(200).default(20),
    }),
    RosterPreviewSchema,
  ),
  /**
   * Writes the roster as .xlsx (序号 姓名 性别 …), in the roster's order or sorted by a rule (the
   * session is not changed). unknownChars: characters ordered by stroke count only.
   */
  'roster.export': def(
    z.object({ ...sessionRef, rule: z.enum(MEMBER_SORT_RULES).default('roster'), targetPath: z.string().optional() }),
    OutputFileSchema.extend(UnknownCharsFields),
  ),
  /** Reorders the roster itself by a rule (undoable); unknownChars as for sections.sort. */
  'roster.sort': def(
    z.object({ ...editRef, rule: z.enum(MEMBER_SORT_RULES).exclude(['roster']) }),
    SessionViewSchema.extend(UnknownCharsFields),
  ),

  // ── submissions ────────────────────────────────────────────────────────────
  'submissions.list': def(z.object(sessionRef), z.array(PlacedSubmissionSchema)),
  'submissions.get': def(z.object({ ...sessionRef, submissionId: IdSchema }), PlacedSubmissionSchema),
  /**
   * Imports files as new submissions: front matter (label, title, subtitle, byline, date) taken out
   * of the body, authors matched to the roster, the kind guessed (label, folder, title, 课题组, file
   * name) and the item placed into `sectionId`, else the section of its kind in that section's sort
   * order (unplaced when the kind has no section). Uncertain items get status 'review' with reasons.
   * A file with the words of an existing item becomes its new version. One bad file never stops
   * the rest: see the per-file report.
   */
  'submissions.import': def(
    z.object({
      ...editRef,
      files: z.array(FileInputSchema).min(1).max(500),
      sectionId: IdSchema.optional(),
      /** Calls with one batch id (the app sends one file per call) keep one import report. */
      batch: z.string().max(64).optional(),
    }),
    SessionViewSchema.extend({ report: z.array(ImportReportEntrySchema) }),
  ),
  /** Replaces a submission's source with a new version; the old one is kept in `versions`. */
  'submissions.replace': def(
    z.object({ ...editRef, submissionId: IdSchema, file: FileInputSchema }),
    SessionViewSchema.extend({ report: ImportReportEntrySchema }),
  ),
  /** Edits title, author line, TOC author, kind, members, status, options. */
  'submissions.update': def(
    z.object({ ...editRef, submissionId: IdSchema, patch: SubmissionPatchSchema }),
    SessionViewSchema,
  ),
  'submissions.remove': def(z.object({ ...editRef, submissionIds: z.array(IdSchema).min(1) }), SessionViewSchema),
  /**
   * The stored source file of a submission (the original .docx/.wps/.txt/.pdf …) as a produced file:
   * downloadable at `url` (browser build), or at `path` on this computer (Electron, CLI).
   */
  'submissions.source': def(
    z.object({ ...sessionRef, submissionId: IdSchema }),
    OutputFileSchema.extend({ format: z.string(), originalName: z.string() }),
  ),
  /** The imported document (SourceDoc) for the 材料详情 screen. */
  'submissions.preview': def(z.object({ ...sessionRef, submissionId: IdSchema }), SourceDocSchema),

  // ── bulk actions and trash (core/service/submission-bulk.ts) ──────────────
  /** One patch (kind, review state, options) applied to several items as one undoable edit. */
  'submissions.updateMany': def(
    z.object({ ...editRef, submissionIds: BulkIdsSchema, patch: SubmissionBulkPatchSchema }),
    SessionViewSchema,
  ),
  /**
   * Moves several items into a section (toSectionId null = unplaced), in the given order, at
   * `index` or at the end; a section sorted by a rule stays sorted. One undoable edit.
   */
  'submissions.moveMany': def(
    z.object({
      ...editRef,
      submissionIds: BulkIdsSchema,
      toSectionId: IdSchema.nullable(),
      index: z.number().int().nonnegative().optional(),
    }),
    SessionViewSchema,
  ),
  /** Moves items to the session's trash (restorable, remembered with their place). One undoable edit. */
  'submissions.trash': def(z.object({ ...editRef, submissionIds: BulkIdsSchema }), SessionViewSchema),
  /** The trashed items, most recently deleted first. */
  'submissions.trash.list': def(z.object(sessionRef), z.array(TrashedItemSchema)),
  /** Puts trashed items back where they were (their section and place, else unplaced). */
  'submissions.trash.restore': def(z.object({ ...editRef, submissionIds: BulkIdsSchema }), SessionViewSchema),
  /** The last import report of the session (null before the first import), kept across reloads. */
  'imports.last': def(z.object(sessionRef), ImportRecordSchema.nullable()),

  // ── sections ───────────────────────────────────────────────────────────────
  'sections.create': def(
    z.object({ ...editRef, title: z.string().min(1).max(100), index: z.number().int().nonnegative().optional() }),
    SessionViewSchema,
  ),
  'sections.rename': def(
    z.object({ ...editRef, sectionId: IdSchema, title: z.string().min(1).max(100) }),
    SessionViewSchema,
  ),
  /** The new order of all section ids (must be a permutation of the current ones). */
  'sections.reorder': def(z.object({ ...editRef, sectionIds: z.array(IdSchema) }), SessionViewSchema),
  /** Removes a section; its items move to `moveItemsTo`, or become unplaced. */
  'sections.remove': def(
    z.object({ ...editRef, sectionId: IdSchema, moveItemsTo: IdSchema.optional() }),
    SessionViewSchema,
  ),
  /**
   * Moves a submission into a section at an index (0-based, clamped), from wherever it is.
   * toSectionId null = take it out of every section (unplaced).
   */
  'sections.moveItem': def(
    z.object({
      ...editRef,
      submissionId: IdSchema,
      toSectionId: IdSchema.nullable(),
      index: z.number().int().nonnegative().optional(),
    }),
    SessionViewSchema,
  ),
  /**
   * Sorts a section by a rule and remembers the rule; pinned items keep their place. unknownChars:
   * Han characters with no stroke data, placed by total stroke count only (also in `notices` as
   * "以下字符没有标准笔顺数据，位置按估计的笔顺或总笔画数排出，请人工核对：…") — the UI shows them so a clerk can check.
   */
  'sections.sort': def(
    z.object({ ...editRef, sectionId: IdSchema, rule: SortRuleSchema }),
    SessionViewSchema.extend(UnknownCharsFields),
  ),

  // ── settings ───────────────────────────────────────────────────────────────
  'settings.get': def(
    z.object(sessionRef),
    z.object({
      layout: LayoutSettingsSchema,
      meta: SessionSchema.pick({
        name: true,
        theme: true,
        bookTitle: true,
        date: true,
        organiser: true,
        organiserSuffix: true,
        preface: true,
        marks: true,
      }),
    }),
  ),
  'settings.update': def(
    z.object({ ...editRef, layout: LayoutPatchSchema.optional(), meta: SessionMetaPatchSchema.optional() }),
    SessionViewSchema,
  ),

  /**
   * Fonts a role can use: the built-in free fonts and the CJK fonts installed on this computer
   * (仿宋_GB2312, 方正小标宋简体 …). Pick one into settings.update({ layout: { fonts: { role: ref } } }).
   */
  'fonts.list': def(
    z.object({}),
    z.object({
      builtin: z.array(z.object({ ref: FontRefSchema, label: z.string() })),
      installed: z.array(z.object({ ref: FontRefSchema, label: z.string(), family: z.string() })),
    }),
  ),

  // ── compile and export ─────────────────────────────────────────────────────
  /** Starts a compile of the current revision; progress arrives as 'compile.progress' events. */
  'compile.start': def(
    z.object({
      ...sessionRef,
      formats: z
        .array(z.enum(['pdf', 'docx']))
        .min(1)
        .default(['pdf']),
    }),
    CompileJobSchema,
  ),
  'compile.cancel': def(z.object({ jobId: IdSchema }), CompileJobSchema),
  /** A job by id, or the latest job of a session. */
  'compile.status': def(
    z.object({ jobId: IdSchema.optional(), sessionId: IdSchema.optional() }),
    CompileJobSchema.nullable(),
  ),
  /** The compiled PDF of the current revision (compiles if needed); written to targetPath if given. */
  'export.pdf': def(z.object({ ...sessionRef, targetPath: z.string().optional() }), OutputFileSchema),
  'export.docx': def(z.object({ ...sessionRef, targetPath: z.string().optional() }), OutputFileSchema),
  /**
   * Print products (booklet, numbered copies, register, handouts, screen/phone editions, print
   * sheet) of the current revision, written to the session's outputs and served at /files/.
   * Progress arrives as 'export.progress' events; export.cancel stops it between steps.
   */
  'export.print': def(ExportPrintInputSchema, ExportPrintOutputSchema),
  /** Cancels a running print export (by its exportId, or every one of a session). */
  'export.cancel': def(
    z.object({ exportId: IdSchema.optional(), sessionId: IdSchema.optional() }),
    z.object({ cancelled: z.number().int().nonnegative() }),
  ),
  /** The items a handout can be made of, in dossier order (for the export dialog). */
  'export.items': def(
    z.object(sessionRef),
    z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        author: z.string(),
        sectionId: z.string(),
        section: z.string(),
        order: z.number().int(),
        memberIds: z.array(z.string()),
      }),
    ),
  ),

  // ── statistics ─────────────────────────────────────────────────────────────
  'stats.get': def(z.object(sessionRef), StatsSchema),
  /** 统计 as .xlsx (概况, 各栏目, 未编排), written to the session's outputs (or targetPath). */
  'stats.export': def(z.object({ ...sessionRef, targetPath: z.string().optional() }), OutputFileSchema),

  // ── history ────────────────────────────────────────────────────────────────
  'history.state': def(z.object(sessionRef), HistoryStateSchema),
  'history.undo': def(z.object(editRef), SessionViewSchema),
  'history.redo': def(z.object(editRef), SessionViewSchema),

  // ── 网上报送 (core/contract/portal-api.ts) ───────────────────────────────────
  ...portalApi,
} as const;

export type Api = typeof api;
export type ApiName = keyof Api;
/** What a caller passes (defaults optional). */
export type In<K extends ApiName> = z.input<Api[K]['input']>;
/** What the handler receives after validation (defaults filled). */
export type Parsed<K extends ApiName> = z.output<Api[K]['input']>;
/** What the caller gets back in `value`. */
export type Out<K extends ApiName> = z.output<Api[K]['output']>;

export const API_NAMES = Object.keys(api) as ApiName[];
export const isApiName = (name: string): name is ApiName => Object.prototype.hasOwnProperty.call(api, name);
