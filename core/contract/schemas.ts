// Shared shapes of the service contract: what a session looks like to a client (the view), save and
// history state, snapshots, files crossing the boundary, compile jobs and statistics.
// Pure data + zod only: the renderer imports this, so it must never import node, lowdb or the DOM.
import { z } from 'zod';
import { CompileSummarySchema } from './compile-summary';
import { MemberSchema, SessionSchema, SubmissionSchema, SUBMISSION_KINDS, SORT_RULES } from '../model/session';
import { LayoutSettingsSchema, FontRefSchema } from '../model/settings';

export const IdSchema = z.string().min(1).max(200);

/**
 * Save state of a session as the store sees it.
 * - 'saved': on disk, fsynced (temp → fsync → rename → fsync dir).
 * - 'saving': a write is in flight.
 * - 'unsaved': the last write failed (disk full, read-only folder, rename refused); the change is
 *   kept in memory and retried — the UI must show "未保存" and `error.message`.
 */
export const SaveStateSchema = z.object({
  state: z.enum(['saved', 'saving', 'unsaved']),
  /** ISO time of the last successful save. */
  savedAt: z.string().optional(),
  /** The last save error while state is 'unsaved'. */
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Revision that is on disk (≤ the session revision while unsaved). */
  savedRevision: z.number().int().nonnegative().optional(),
});
export type SaveState = z.infer<typeof SaveStateSchema>;

/** Undo / redo availability; labels are Chinese descriptions of the step ("移动材料"). */
export const HistoryStateSchema = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().optional(),
  redoLabel: z.string().optional(),
  /** Steps available (at least 100 are kept). */
  undoDepth: z.number().int().nonnegative().default(0),
  redoDepth: z.number().int().nonnegative().default(0),
});
export type HistoryState = z.infer<typeof HistoryStateSchema>;

/**
 * The session as a client sees it. Every editing call returns one: the client replaces its copy and
 * sends `revision` with its next edit (a stale revision is refused with 'store.stale-revision').
 */
export const SessionViewSchema = z.object({
  session: SessionSchema,
  revision: z.number().int().nonnegative(),
  save: SaveStateSchema,
  history: HistoryStateSchema,
  /** Set when the session cannot be edited (newer schemaVersion, owned by another process …). */
  readOnly: z.object({ code: z.string(), message: z.string() }).optional(),
  /** Ids created by the call (new section, new member, imported submissions …), in order. */
  created: z.array(z.string()).optional(),
  /** Non-fatal notes for the clerk about this call (e.g. a recovered snapshot, a migration). */
  notices: z.array(z.object({ code: z.string(), message: z.string() })).optional(),
});
export type SessionView = z.infer<typeof SessionViewSchema>;

/** One line of the session list (recent first). */
export const SessionSummarySchema = z.object({
  id: IdSchema,
  name: z.string(),
  theme: z.string().default(''),
  date: z.string(),
  submissionCount: z.number().int().nonnegative(),
  memberCount: z.number().int().nonnegative(),
  /** ISO times. */
  updatedAt: z.string().optional(),
  openedAt: z.string().optional(),
  /** Set when the session file is damaged and needs recovery from a snapshot. */
  damaged: z.boolean().optional(),
  readOnly: z.boolean().optional(),
});
export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const TrashEntrySchema = z.object({
  trashId: IdSchema,
  sessionId: IdSchema,
  name: z.string(),
  deletedAt: z.string(),
});
export type TrashEntry = z.infer<typeof TrashEntrySchema>;

/**
 * Why a snapshot was taken. 'auto': the periodic one (every snapshotEveryMs); 'edits': after 20 saved
 * edits since the last one; 'before-change': before a destructive edit (remove, sort, replace).
 */
export const SNAPSHOT_REASONS = [
  'auto',
  'daily',
  'before-migration',
  'before-restore',
  'before-import',
  'manual',
  'edits',
  'before-change',
] as const;
export const SnapshotInfoSchema = z.object({
  id: IdSchema,
  /** ISO time the snapshot was taken. */
  createdAt: z.string(),
  reason: z.enum(SNAPSHOT_REASONS),
  revision: z.number().int().nonnegative(),
  name: z.string(),
  submissionCount: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type SnapshotInfo = z.infer<typeof SnapshotInfoSchema>;

/**
 * The result of opening a session: normally 'open' with the view. When session.json is empty,
 * truncated, NUL-filled or invalid it has already been moved aside (never overwritten) and the
 * client is offered the snapshots, newest good one first: restore one with 'snapshots.restore'.
 */
export const OpenResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('open'), view: SessionViewSchema }),
  z.object({
    status: z.literal('recovery'),
    sessionId: IdSchema,
    /** Stable code of what was wrong: 'store.session-empty', 'store.session-not-json' … */
    code: z.string(),
    /** Chinese, names the file and the cause and says what to do. */
    message: z.string(),
    /** Where the damaged file was moved (relative to the session folder). */
    movedTo: z.string().optional(),
    snapshots: z.array(SnapshotInfoSchema),
  }),
]);
export type OpenResult = z.infer<typeof OpenResultSchema>;

/**
 * A file handed to the service: its bytes as base64 (browser, tests), or a local path (Electron and
 * CLI only; the HTTP transport refuses paths).
 */
export const FileInputSchema = z.union([
  z.object({ name: z.string().min(1).max(500), data: z.string() }),
  z.object({ name: z.string().min(1).max(500).optional(), path: z.string().min(1) }),
  /** A file streamed to the HTTP transport's POST /upload first (large files over HTTP). */
  z.object({ name: z.string().min(1).max(500), upload: z.string().regex(/^u-[0-9a-f]{24}$/) }),
]);
export type FileInput = z.infer<typeof FileInputSchema>;

/** A file the service produced (compiled PDF, DOCX, bundle). */
export const OutputFileSchema = z.object({
  name: z.string(),
  /** URL path to fetch it over HTTP (token required): /files/<sessionId>/<name>. */
  url: z.string(),
  size: z.number().int().nonnegative(),
  /** Absolute path on this computer, when written there (Electron / CLI). */
  path: z.string().optional(),
});
export type OutputFile = z.infer<typeof OutputFileSchema>;

/** Per-file outcome of an import batch; one bad file never stops the rest. */
export const ImportReportEntrySchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  submissionId: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })).default([]),
  /** Detected title / author, for the review screen. */
  title: z.string().optional(),
  authorLine: z.string().optional(),
  /** Set when the file's bytes equal an existing submission's source (same sha256). */
  duplicateOf: z.string().optional(),
  /** Set when the file's words equal an existing submission's: it became that item's new version. */
  newVersionOf: z.string().optional(),
  /** What the intake step recognised (core/read/intake), as stored on the new item. */
  label: z.string().optional(),
  subtitle: z.string().optional(),
  dateLine: z.string().optional(),
  organisations: z.array(z.string()).optional(),
  memberIds: z.array(z.string()).optional(),
  kind: z.enum(SUBMISSION_KINDS).optional(),
  /** How the kind was decided, in words: 标注“书面发言” / 所在文件夹“调研报告” / 标题 / 默认. */
  kindSource: z.string().optional(),
  /** The section the item was placed in (absent: 未编排). */
  sectionId: z.string().optional(),
  sectionTitle: z.string().optional(),
  status: z.enum(['ok', 'review']).optional(),
  /** Why the item needs review, each reason in words with what was guessed. */
  reviewReasons: z.array(z.object({ code: z.string(), field: z.string().optional(), message: z.string() })).optional(),
});
export type ImportReportEntry = z.infer<typeof ImportReportEntrySchema>;

export const SubmissionPatchSchema = z
  .object({
    title: z.string().min(1),
    authorLine: z.string(),
    tocAuthor: z.string().optional(),
    label: z.string().optional(),
    subtitle: z.string().optional(),
    dateLine: z.string().optional(),
    organisations: z.array(z.string()),
    reviewReasons: z.array(z.object({ code: z.string(), field: z.string().optional(), message: z.string() })),
    bodyEdits: z.object({
      restore: z.array(z.number().int().min(0)),
      omitHead: z.number().int().min(0),
      omitTail: z.number().int().min(0),
    }),
    memberIds: z.array(z.string()),
    kind: z.enum(SUBMISSION_KINDS),
    status: z.enum(['ok', 'review']),
    options: z.object({ pinned: z.boolean(), inToc: z.boolean(), startOnOdd: z.boolean().optional() }).partial(),
  })
  .partial();
export type SubmissionPatch = z.infer<typeof SubmissionPatchSchema>;

export const MemberInputSchema = MemberSchema.omit({ id: true });
export type MemberInput = z.input<typeof MemberInputSchema>;
export const MemberPatchSchema = MemberSchema.omit({ id: true }).partial();

/** Session-level metadata editable from the settings screen (cover, marks, preface). */
export const SessionMetaPatchSchema = z
  .object({
    name: z.string().min(1),
    theme: z.string(),
    bookTitle: z.string(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
    organiser: z.string(),
    organiserSuffix: z.string(),
    preface: z.string(),
    marks: z
      .object({ internal: z.boolean(), secrecy: z.string(), watermark: z.string(), confidentialityLine: z.string() })
      .partial(),
  })
  .partial();
export type SessionMetaPatch = z.infer<typeof SessionMetaPatchSchema>;

/** A partial layout: only the given keys change; fonts per role. */
export const LayoutPatchSchema = LayoutSettingsSchema.omit({ fonts: true })
  .extend({
    fonts: z
      .object({ fang: FontRefSchema, song: FontRefSchema, xbs: FontRefSchema, hei: FontRefSchema, kai: FontRefSchema })
      .partial(),
  })
  .partial();
export type LayoutPatch = z.infer<typeof LayoutPatchSchema>;

export const SortRuleSchema = z.enum(SORT_RULES);

export const COMPILE_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
/** A compile job; also the payload of the 'compile.progress' event. */
export const CompileJobSchema = z.object({
  jobId: IdSchema,
  sessionId: IdSchema,
  /** Session revision the job compiles. */
  revision: z.number().int().nonnegative(),
  state: z.enum(COMPILE_STATES),
  progress: z.object({
    /** 'read' | 'layout' | 'render' | 'write' … (engine-defined). */
    phase: z.string(),
    done: z.number().nonnegative(),
    total: z.number().nonnegative(),
    /** Chinese, e.g. "正在排版第 3/55 篇". */
    message: z.string().default(''),
  }),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  result: z
    .object({
      pdf: OutputFileSchema.optional(),
      docx: OutputFileSchema.optional(),
      pageCount: z.number().int().nonnegative().optional(),
      durationMs: z.number().nonnegative(),
      /** Per item: printed start page and number of pages. */
      items: z
        .array(z.object({ submissionId: z.string(), startPage: z.number().int(), pageCount: z.number().int() }))
        .default([]),
      warnings: z.array(z.object({ code: z.string(), message: z.string() })).default([]),
      summary: CompileSummarySchema.optional(),
    })
    .optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type CompileJob = z.infer<typeof CompileJobSchema>;
export { CompileSummarySchema, type CompileSummaryInfo } from './compile-summary';

/** Statistics for the overview screen. Pages are known only after a compile of the current revision. */
export const StatsSchema = z.object({
  sections: z.array(
    z.object({
      sectionId: z.string(),
      title: z.string(),
      items: z.number().int().nonnegative(),
      words: z.number().int().nonnegative(),
      pages: z.number().int().nonnegative().optional(),
    }),
  ),
  totals: z.object({
    items: z.number().int().nonnegative(),
    /** Submissions not placed in any section. */
    unplaced: z.number().int().nonnegative(),
    words: z.number().int().nonnegative(),
    pages: z.number().int().nonnegative().optional(),
  }),
  members: z.object({
    /** Roster members expected to submit (standing members). */
    expected: z.number().int().nonnegative(),
    /** Standing members with at least one submission, placed in a section or not (as on the intake board). */
    received: z.number().int().nonnegative(),
    missing: z.array(z.object({ memberId: z.string(), name: z.string() })),
    /** Received members none of whose submissions is placed in a section yet. */
    receivedUnplaced: z.array(z.object({ memberId: z.string(), name: z.string() })).default([]),
  }),
  /** Submissions not placed in any section (what 编排 still has to place). */
  unplacedItems: z.array(z.object({ submissionId: z.string(), title: z.string(), authorLine: z.string() })).default([]),
  /** Revision of the compile the page numbers come from, if any. */
  pagesFromRevision: z.number().int().optional(),
  /**
   * Where page counts stand: 'current' (from a compile of this revision), 'stale' (the last compile
   * was of an older revision: pages left out), 'none' (never compiled).
   */
  pagesStatus: z.enum(['current', 'stale', 'none']).optional(),
  /** What the UI shows instead of a page count: "未生成", or that the pages need a new compile. */
  pagesNote: z.string().optional(),
});
export type Stats = z.infer<typeof StatsSchema>;

export const PlacedSubmissionSchema = SubmissionSchema.extend({
  /** The section holding it, or absent when not yet placed. */
  sectionId: z.string().optional(),
  /** Office word count of the imported text (counted once per source version). */
  words: z.number().int().nonnegative().optional(),
  /** Pages in the last compile, only when that compile is of the current revision. */
  pages: z.number().int().nonnegative().optional(),
});
export type PlacedSubmission = z.infer<typeof PlacedSubmissionSchema>;

// ── print production (issue 7) ────────────────────────────────────────────────────────────────

export const PRINT_KINDS = [
  'print',
  'booklet',
  'copies',
  'register',
  'handouts',
  'screen',
  'phone',
  'printsheet',
] as const;
export const PAPERS = ['auto', 'A3', 'A4', 'A5'] as const;

/** What the print room needs: sheets, copies, reams (computed from the pages of one copy). */
export const PrintSheetSchema = z.object({
  mode: z.enum(['single', 'duplex', 'booklet']),
  paper: z.string(),
  pagesPerCopy: z.number().int().nonnegative(),
  paddedPages: z.number().int().nonnegative(),
  blankPages: z.number().int().nonnegative(),
  sidesPerCopy: z.number().int().nonnegative(),
  sheetsPerCopy: z.number().int().nonnegative(),
  copies: z.number().int().nonnegative(),
  sheets: z.number().int().nonnegative(),
  spareSheets: z.number().int().nonnegative(),
  totalSheets: z.number().int().nonnegative(),
  reams: z.number().int().nonnegative(),
  reamsExact: z.number().nonnegative(),
});
export type PrintSheetInfo = z.infer<typeof PrintSheetSchema>;

/**
 * A print product request. `as`:
 * - 'print': the dossier as printed (duplex rules, padding); 'screen' / 'phone': digital editions;
 * - 'booklet': saddle-stitch imposition (A4 pages on A3, or A5 on A4) with creep;
 * - 'copies': N numbered copies (份号) in one PDF, optionally the register beside it;
 * - 'register': the distribution and return register (清退登记表) alone;
 * - 'handouts': a selection (items, one section, one member) as one PDF, or one PDF per item in a zip
 *   (`batch`); 'printsheet': the print sheet (印制单) as a PDF.
 */
export const ExportPrintInputSchema = z.object({
  sessionId: IdSchema,
  as: z.enum(PRINT_KINDS),
  /**
   * Numbered copies / booklet / print sheet: how many copies (default: recipients' count, else 1).
   * At most 5000: a secretariat prints a few hundred; the CLI uses the same limit.
   */
  copies: z.number().int().min(1).max(5000).optional(),
  startNumber: z.number().int().min(1).max(999_999).optional(),
  /** 份号 digits, 3–6 (default 6). */
  digits: z.number().int().min(3).max(6).optional(),
  /** Recipients in copy order, or 'roster' for the session's members in roster order. */
  recipients: z.union([z.array(z.string().min(1).max(100)).max(5000), z.literal('roster')]).optional(),
  recipientMark: z.enum(['none', 'footer', 'watermark']).optional(),
  /** Copies: one PDF per copy (with targetPath: into that folder) instead of one file with all copies. */
  perCopy: z.boolean().optional(),
  /** Copies: also write the register beside them. */
  withRegister: z.boolean().optional(),
  /** Handouts: which items (ids), one section (id or title), one member (id or name). */
  selection: z
    .object({ items: z.array(IdSchema).optional(), sectionId: z.string().optional(), memberId: z.string().optional() })
    .optional(),
  /** Handouts: number the pages from 1 instead of keeping the dossier's page numbers. */
  renumber: z.boolean().optional(),
  /** Handouts: one PDF per item (served as one zip). */
  batch: z.boolean().optional(),
  zip: z.boolean().optional(),
  twoUp: z.boolean().optional(),
  sheet: z.enum(PAPERS).optional(),
  creepMm: z.number().min(0).max(5).optional(),
  sheetsPerSignature: z.number().int().min(1).max(50).optional(),
  /** Print sheet spare (加放), percent; a print shop's spare is a few percent, 50 is already generous. */
  sparePercent: z.number().min(0).max(50).optional(),
  /** Layout overrides for this export only. */
  layout: z
    .object({ binding: z.enum(['single', 'duplex']), gutter: z.number().min(0).max(30) })
    .partial()
    .optional(),
  marks: z
    .object({ internal: z.boolean(), secrecy: z.string(), watermark: z.string(), confidentialityLine: z.string() })
    .partial()
    .optional(),
  /** Lets the client cancel with export.cancel and match 'export.progress' events (else one is made). */
  exportId: IdSchema.optional(),
  /**
   * Electron / CLI only: also copy the files here — a file for one output, a folder for per-copy
   * copies and batch handouts (a name ending in .zip: the zip only); the register of copies goes
   * beside the file (<name>-分发清退登记表.pdf) or into the folder. Its extension also picks the
   * print sheet's form: .pdf a PDF, anything else UTF-8 text.
   */
  targetPath: z.string().optional(),
});

export const PrintFileSchema = OutputFileSchema.extend({
  pages: z.number().int().nonnegative().optional(),
  /** Where the product put it: the output itself, a file of the folder, the register, the zip. */
  place: z.enum(['out', 'folder', 'register', 'zip']).optional(),
});

export const ExportPrintOutputSchema = z.object({
  exportId: IdSchema,
  files: z.array(PrintFileSchema),
  report: z.object({
    as: z.enum(PRINT_KINDS),
    /** Pages of one copy of the product. */
    pages: z.number().int().nonnegative(),
    copies: z.number().int().nonnegative().optional(),
    printSheet: PrintSheetSchema.optional(),
    warnings: z.array(z.string()),
    ms: z.number().nonnegative(),
  }),
});
export type ExportPrintOutput = z.infer<typeof ExportPrintOutputSchema>;

/** Payload of the 'export.progress' event. */
export const ExportProgressSchema = z.object({
  exportId: IdSchema,
  sessionId: IdSchema,
  as: z.enum(PRINT_KINDS),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Chinese, e.g. "编译并拼版（骑马订）…". */
  message: z.string(),
});
export type ExportProgress = z.infer<typeof ExportProgressSchema>;

// ── roster files (issue 6) ────────────────────────────────────────────────────────────────────

export const ROSTER_FIELD_KEYS = [
  'name',
  'gender',
  'ethnicity',
  'sector',
  'party',
  'title',
  'unit',
  'standing',
  'rank',
] as const;
/** Member field → 0-based column of the file. */
export const RosterMappingSchema = z.object(
  Object.fromEntries(ROSTER_FIELD_KEYS.map((k) => [k, z.number().int().nonnegative().optional()])) as Record<
    (typeof ROSTER_FIELD_KEYS)[number],
    z.ZodOptional<z.ZodNumber>
  >,
);
export type RosterMapping = z.infer<typeof RosterMappingSchema>;

export const RosterProblemSchema = z.object({ row: z.number().int(), message: z.string() });

export const RosterPreviewSchema = z.object({
  file: z.string(),
  format: z.enum(['xlsx', 'csv']),
  encoding: z.string().optional(),
  sheet: z.string().optional(),
  headerRow: z.number().int(),
  headers: z.array(z.string()),
  /** Proposed from the header names; the clerk may change it and pass it to roster.import. */
  mapping: RosterMappingSchema,
  /** Headers no field was matched to. */
  unmapped: z.array(z.string()),
  /** Chinese label of each field, for the mapping dialog. */
  fieldLabels: z.record(z.string(), z.string()),
  rowCount: z.number().int().nonnegative(),
  /** The first rows (cells as in the file) with their row numbers. */
  rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })),
  /** What an import with this mapping would report (empty name, odd values, duplicates). */
  problems: z.array(RosterProblemSchema),
  duplicates: z.array(z.object({ name: z.string(), rows: z.array(z.number().int()) })),
  /** Members an import with this mapping would bring in. */
  memberCount: z.number().int().nonnegative(),
});
export type RosterPreview = z.infer<typeof RosterPreviewSchema>;

/** Rules a roster can be ordered by ('roster' = as it is). */
export const MEMBER_SORT_RULES = ['roster', 'stroke', 'pinyin', 'sector', 'party', 'rank'] as const;

/** The characters an ordering could only place by total stroke count, with the clerk's message. */
export const UnknownCharsFields = {
  unknownChars: z.array(z.string()).default([]),
};
