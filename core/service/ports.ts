// The ports the service is written against: storage of session documents, content-addressed
// source files, imported bodies, outputs, clock, ids, importer, compiler, sorter. The app wires
// node/lowdb implementations (core/node/ports.ts); tests use the in-memory ones
// (core/service/memory-ports.ts). Nothing here may touch node, the disk or the DOM.
import type { SourceDoc } from '../model/document';
import type { Member, Session, SortRule, SourceFormat } from '../model/session';
import type { AppError, Result } from '../result';
import type { PrintSheet } from '../print/print-sheet';
import type { PortalHost } from './portal-port';
import type {
  CompileSummaryInfo,
  OutputFile,
  PRINT_KINDS,
  SessionSummary,
  SnapshotInfo,
  TrashEntry,
} from '../contract/schemas';
import type { ROSTER_FIELD_KEYS } from '../contract/roster-schemas';
import type { CompileProgress, CompileWarning } from '../compile/index';

export type { CompileProgress, CompileWarning };

/** What opening a stored session yields. */
export type StoredOpen =
  | {
      status: 'ok';
      session: Session;
      revision: number;
      /** Set when the file must not be written (newer schemaVersion, another owner). */
      readOnly?: { code: string; message: string };
      /** Things the clerk should know (migrated, BOM removed …). */
      notices: { code: string; message: string }[];
    }
  | {
      /** The file was damaged and has been moved aside (never overwritten). */
      status: 'damaged';
      code: string;
      message: string;
      movedTo?: string;
    };

export interface SessionStorage {
  /** All sessions (damaged ones flagged), unsorted. */
  list(): Promise<Result<SessionSummary[]>>;
  exists(id: string): Promise<boolean>;
  /** Creates a new session folder with this document; fails if the id exists. */
  create(id: string, session: Session): Promise<Result<void>>;
  /** Reads, recovers or migrates, and takes ownership. */
  open(id: string): Promise<Result<StoredOpen>>;
  /** Durable save ("saved" only once it is on disk). The old file is untouched on failure. */
  save(id: string, session: Session, revision: number): Promise<Result<{ savedAt: string }>>;
  /** Releases ownership. */
  close(id: string): Promise<void>;
  /** Records that the session was opened now (recent list). */
  touch(id: string): Promise<void>;
  /** Copies the whole folder (sources, bodies) to a new id with this document. */
  copy(fromId: string, toId: string, session: Session): Promise<Result<void>>;

  trash(id: string): Promise<Result<TrashEntry>>;
  trashList(): Promise<Result<TrashEntry[]>>;
  /** Restores a trashed session; returns its id (a new one if the old id is taken again). */
  trashRestore(trashId: string): Promise<Result<string>>;
  trashEmpty(trashIds?: string[]): Promise<Result<number>>;

  snapshot(
    id: string,
    session: Session,
    revision: number,
    reason: SnapshotInfo['reason'],
  ): Promise<Result<SnapshotInfo>>;
  snapshots(id: string): Promise<Result<SnapshotInfo[]>>;
  readSnapshot(id: string, snapshotId: string): Promise<Result<{ session: Session; revision: number }>>;
}

/** Content-addressed source files of a session (files/<sha256>.<ext>). */
export interface FileStore {
  put(sessionId: string, bytes: Uint8Array, ext: string): Promise<Result<{ file: string; sha256: string }>>;
  get(sessionId: string, file: string): Promise<Result<Uint8Array>>;
  /** Images a Markdown source names, resolved beside it (a CLI session folder); absent: none. */
  imageResolver?(sessionId: string, file: string): ImageResolver | undefined;
}

/** Finds an image a Markdown source refers to (PNG/JPEG bytes), or undefined. */
export type ImageResolver = (src: string) => { mime: 'image/png' | 'image/jpeg'; data: Uint8Array } | undefined;

/** Imported bodies (SourceDoc JSON) keyed by the source's sha256 (bodies/<sha256>.json). */
export interface BodyStore {
  put(sessionId: string, key: string, doc: SourceDoc): Promise<Result<void>>;
  get(sessionId: string, key: string): Promise<Result<SourceDoc>>;
  has(sessionId: string, key: string): Promise<boolean>;
}

/** Produced files (compiled PDF/DOCX, bundles): served at /files/<sessionId>/<name>. */
export interface OutputStore {
  write(sessionId: string, name: string, bytes: Uint8Array): Promise<Result<OutputFile>>;
  read(sessionId: string, name: string): Promise<Result<Uint8Array>>;
  /** Where outputs of a session go on disk (the compiler port may write there directly). */
  describe(sessionId: string, name: string): OutputFile;
}

/** Local paths (Electron and CLI only; the HTTP transport never reaches this). */
export interface LocalFiles {
  /** maxBytes: a larger cap than the default for this read (session bundles). */
  read(path: string, opts?: { maxBytes?: number }): Promise<Result<Uint8Array>>;
  write(path: string, bytes: Uint8Array): Promise<Result<void>>;
  /**
   * Checks a target before anything is made for it: a file name that is not a folder, or a folder
   * that is not a file; the folder (or the file's folder) is created when missing.
   */
  prepare(path: string, kind: 'file' | 'folder'): Promise<Result<void>>;
}

export interface UploadReader {
  read(id: string): Promise<Result<{ name: string; bytes: Uint8Array }>>;
}

export interface Clock {
  now(): Date;
}

export interface Ids {
  /** A new unique id with a readable prefix ('s', 'm', 'sec', 'sub', 'job'). */
  next(prefix: string): string;
}

/** One file's outcome from the importer. */
export interface ImportedFile {
  name: string;
  ok: boolean;
  format?: SourceFormat;
  doc?: SourceDoc;
  title?: string;
  authorLine?: string;
  memberIds?: string[];
  error?: AppError;
  warnings: { code: string; message: string }[];
}

export interface Importer {
  /** Reads a batch (limited parallelism; one failure never stops the rest). Never writes. */
  importFiles(
    files: { name: string; bytes: Uint8Array; resolveImage?: ImageResolver }[],
    session: Session,
  ): Promise<ImportedFile[]>;
}

export interface CompileOutcome {
  pdf?: OutputFile;
  docx?: OutputFile;
  pageCount?: number;
  items: { submissionId: string; startPage: number; pageCount: number }[];
  warnings: CompileWarning[];
  /** What a summary line shows (items, front/body pages, words, times, fallback characters …). */
  summary?: CompileSummaryInfo;
}

export interface Compiler {
  /** Optional: starts loading what the compile of this session will need (fonts) while sources are read. */
  prefetch?(session: Session): void;
  compile(
    sessionId: string,
    session: Session,
    docs: Map<string, SourceDoc>,
    opts: { formats: ('pdf' | 'docx')[]; onProgress?: (p: CompileProgress) => void; signal?: AbortSignal },
  ): Promise<Result<CompileOutcome>>;
  /**
   * Optional: pays the first compile's cold costs (font files read and parsed, glyph tables, the
   * engine's first JIT) in the background, writing nothing, so the clerk's first 生成汇编 is warm.
   * Must stop soon after `signal` aborts and must never throw or change any output.
   */
  warm?(session: Session, docs: Map<string, SourceDoc>, signal: AbortSignal): Promise<void>;
}

/** One sort's outcome: the new order and, per call, the characters that had no stroke data. */
export interface SortOutcome {
  items: string[];
  /** Han characters ordered by total stroke count only (no stroke sequence known): shown to the clerk. */
  unknownChars: string[];
}

export interface Sorter {
  /** The section's item ids in the rule's order (pinned items keep their index). */
  sort(session: Session, sectionId: string, rule: SortRule): Result<SortOutcome>;
  /** Members in a rule's order (roster view and roster export); never drops one. */
  sortMembers?(members: readonly Member[], rule: MemberSortRule): { members: Member[]; unknownChars: string[] };
}

export type MemberSortRule = 'stroke' | 'pinyin' | 'sector' | 'party' | 'rank';

/** Rows of a spreadsheet (xlsx) as strings (kept for older wiring; roster files now go through RosterFiles). */
export interface SpreadsheetReader {
  rows(bytes: Uint8Array, fileName: string): Promise<Result<string[][]>>;
}

export type RosterFieldKey = (typeof ROSTER_FIELD_KEYS)[number];
/** Which 0-based column holds each member field. */
export type RosterMapping = Partial<Record<RosterFieldKey, number>>;

/** A roster file read into a table (header row found, encoding detected). */
export interface RosterTableData {
  file: string;
  format: 'xlsx' | 'csv';
  encoding?: string;
  sheet?: string;
  /** 1-based row of the header in the file. */
  headerRow: number;
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

export interface RosterApplied {
  members: Member[];
  /** File row of each member, same order. */
  memberRows: number[];
  problems: { row: number; message: string }[];
  duplicates: { name: string; rows: number[] }[];
}

/**
 * Roster spreadsheets (.xlsx, .csv/.tsv/.txt in UTF-8, UTF-16 or GBK): read, propose a column
 * mapping from the headers, apply a mapping (problems by row, duplicates flagged), export to .xlsx.
 */
export interface RosterFiles {
  read(bytes: Uint8Array, fileName: string): Promise<Result<RosterTableData>>;
  propose(headers: readonly string[]): { mapping: RosterMapping; unmapped: string[] };
  apply(table: RosterTableData, mapping: RosterMapping): Result<RosterApplied>;
  /** Absent in the fallback reader: roster.export then says Excel export is unavailable. */
  exportXlsx?(members: readonly Member[]): Promise<Uint8Array>;
  /** Plain tables as one workbook (stats.export); absent: the export says it is unavailable. */
  exportTablesXlsx?(
    sheets: readonly { name: string; rows: readonly (readonly (string | number)[])[]; widths?: readonly number[] }[],
  ): Promise<Uint8Array>;
}

/** Print products (issue 7): what the service asks for; the port compiles and imposes. */
export type PrintKind = (typeof PRINT_KINDS)[number];

export interface PrintRequest {
  as: PrintKind;
  copies?: number;
  startNumber?: number;
  digits?: number;
  /** Resolved recipients (the service turns 'roster' into the members' names). */
  recipients?: string[];
  recipientMark?: 'none' | 'footer' | 'watermark';
  /** Copies: one file per copy. */
  perCopy?: boolean;
  withRegister?: boolean;
  selection?: { items?: string[]; section?: string; member?: string };
  renumber?: boolean;
  batch?: boolean;
  zip?: boolean;
  twoUp?: boolean;
  sheet?: 'auto' | 'A3' | 'A4' | 'A5';
  creepMm?: number;
  sheetsPerSignature?: number;
  sparePercent?: number;
  /** Print sheet: how the room prints (default: booklet for booklets, else the binding). */
  printMode?: 'single' | 'duplex' | 'booklet';
  marks?: Partial<Session['marks']>;
  /** Layout overrides for this export only. */
  layout?: {
    binding?: 'single' | 'duplex';
    gutter?: number;
    itemStart?: 'newPage' | 'oddPage';
    padToMultiple?: 1 | 2 | 4;
  };
  /**
   * The name of where the files go (the target path, or the default name): its extension picks the
   * print sheet's form (.pdf or text) and a zip-only batch of handouts (.zip).
   */
  outName?: string;
}

export interface PrintOutcome {
  /** Files written to the session's outputs (served at /files/<sessionId>/<name>). */
  files: (OutputFile & { pages?: number; place?: 'out' | 'folder' | 'register' | 'zip' })[];
  /** Pages of one copy of the product (after padding / imposition). */
  pages: number;
  copies?: number;
  printSheet?: PrintSheet;
  warnings: string[];
  ms: number;
}

export interface PrintProducer {
  produce(
    sessionId: string,
    session: Session,
    docs: ReadonlyMap<string, SourceDoc>,
    req: PrintRequest,
    opts: { onProgress?: (message: string) => void; signal?: AbortSignal },
  ): Promise<Result<PrintOutcome>>;
}

/** The sample session (resources/samples/qi-culture): session.json + named source files. */
export interface SampleProvider {
  load(): Promise<Result<{ session: Session; files: { file: string; bytes: Uint8Array }[] }>>;
}

/** CJK fonts installed on this computer (Windows Fonts folder …). */
export interface FontCatalog {
  installed(): Promise<{ file: string; postscriptName: string; family: string; fullName: string }[]>;
}

export interface Ports {
  storage: SessionStorage;
  files: FileStore;
  bodies: BodyStore;
  outputs: OutputStore;
  clock: Clock;
  ids: Ids;
  importer: Importer;
  compiler?: Compiler;
  sorter?: Sorter;
  spreadsheet?: SpreadsheetReader;
  /** Roster files (xlsx/csv with mapping); without it roster.import reads UTF-8 CSV only. */
  roster?: RosterFiles;
  /** Print production (booklets, numbered copies, handouts …); without it export.print is unavailable. */
  printer?: PrintProducer;
  sample?: SampleProvider;
  local?: LocalFiles;
  /** Files streamed to the HTTP transport's POST /upload, named by FileInput { upload }. */
  uploads?: UploadReader;
  fonts?: FontCatalog;
  /** 网上报送: the listener on the office network (core/node/portal-host.ts). */
  portal?: PortalHost;
  /** For app.info. */
  info?: { version: string; dataDir: string; transport: string };
  /** Releases what the ports hold (worker pools); called by service.dispose(). */
  dispose?: () => Promise<void>;
  /** Milliseconds between automatic retries of a failed save (default 5000). */
  saveRetryMs?: number;
  /** Minimum time between 'auto' snapshots of a session (default 5 min). */
  snapshotEveryMs?: number;
}
