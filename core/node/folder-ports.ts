// The service's ports rooted at ONE session folder (a session.json with its sources beside it, like
// resources/samples/qi-culture or <data>/sessions/<id>/): what `huibian compile|import|roster|export`
// run on, through the same contract as the app. Storage is the data folder store's own code
// (SessionFolders: owner lock, durable writer, recovery, migration, snapshots), so the CLI and the
// app never write one session.json two ways; a session held by the app opens read-only here.
// - files.get resolves `source.file` relative to the folder and refuses a path that leaves it
//   (session.bad-path); files.put stores new sources content-addressed under files/ like the store.
// - bodies are kept in memory: a cache written into the folder would dirty folders that live in a
//   repository or on a shared drive and could go stale when a clerk edits a source by hand. What
//   is kept between runs is the import result, content-addressed in the user's cache folder
//   (core/node/import-cache: same build, name, bytes, roster and pictures, or it is read again),
//   and the compressed font subsets (core/node/font-stream-store: same build, font, glyphs).
// - outputs are staged in a temporary folder (removed on dispose) and reach the clerk's paths only
//   through LocalFiles (writeOut): nothing but the named outputs is written beside the session.
// - Markdown images resolve inside the folder only (folderImageResolver).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Session } from '../model/session';
import { AppException, err, ok, type Result } from '../result';
import type { SessionSummary, SnapshotInfo, TrashEntry } from '../contract/schemas';
import { ErrorCodes } from '../contract/errors';
import { MemoryFiles } from '../service/memory-ports';
import type { FileStore, Ports, SessionStorage, StoredOpen } from '../service/ports';
import { nodeCompiler } from './compile-session';
import { batchImporter } from './import-batch';
import { BUILD_ID } from './build-id';
import { cachedImporter, ImportCache } from './import-cache';
import { fontStreamStore } from './font-stream-store';
import { useFontStreamStore } from '../render/pdf/font-stream-cache';
import { APP_VERSION, nodeIds, nodeLocalFiles } from './local-files';
import { orderSorter } from '../service/default-ports';
import { folderImageResolver, loadSessionFile } from './session-folder';
import { defaultCacheDir } from './store/data-dir';
import { DiskFiles, DiskOutputs } from './store/file-store';
import { nodeFs, type FsPort } from './store/fs-port';
import { SESSION_FILE, SessionFolders, isSafeId } from './store/session-folders';

export interface FolderPortsOptions {
  fs?: FsPort;
  /** Load the roster file readers (.xlsx/.csv; exceljs is large: only `huibian roster` needs them). */
  roster?: boolean;
  /** Load the print products (booklets, numbered copies …; only `huibian export` needs them). */
  printer?: boolean;
  /** Nothing is written to the folder (import --dry-run): saves, snapshots and new sources stay in memory. */
  dryRun?: boolean;
  transport?: string;
  /**
   * Where import results and compressed font subsets are cached between runs (core/node/import-cache,
   * font-stream-store): default the user's cache folder (HUIBIAN_CACHE_DIR) when this is a built
   * CLI (BUILD_ID), none when run from TypeScript; `null` turns caching off.
   */
  cacheDir?: string | null;
}

const notHere = (what: string) =>
  err('store.folder-only', `在单个会议文件夹上不能${what}；请在汇编程序或 huibian session 中操作`);

/** The id of the session in `dir`: session.json's own id when it is a safe one, else from the folder name. */
export function folderSessionId(dir: string, fileId: string | undefined): string {
  if (fileId && isSafeId(fileId)) return fileId;
  const base = path
    .basename(path.resolve(dir))
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 90);
  return isSafeId(base) ? base : 'session';
}

/** The one session in one folder; everything about other sessions (list, trash, copy) is refused. */
export class FolderSessionStore extends SessionFolders implements SessionStorage {
  constructor(
    readonly dir: string,
    readonly id: string,
    opts: { fs: FsPort; now?: () => Date; dryRun?: boolean },
  ) {
    // Indented like the hand-made session folders (the sample), so a clerk can still read a diff.
    super({ fs: opts.fs, now: opts.now, space: 2 });
    this.dryRun = opts.dryRun ?? false;
  }

  private readonly dryRun: boolean;

  override dirOf(id: string): string {
    if (id !== this.id)
      throw new AppException({
        code: ErrorCodes.sessionNotFound,
        message: `此会议文件夹中没有会议：${id.slice(0, 40)}`,
      });
    return this.dir;
  }

  async list(): Promise<Result<SessionSummary[]>> {
    const s = await loadSessionFile(this.dir);
    if (!s.ok) return ok([]);
    const v = s.value;
    return ok([
      {
        id: this.id,
        name: v.name,
        theme: v.theme,
        date: v.date,
        submissionCount: v.submissions.length,
        memberCount: v.members.length,
      },
    ]);
  }

  override async save(id: string, session: Session, revision: number): Promise<Result<{ savedAt: string }>> {
    if (this.dryRun) return ok({ savedAt: this.now().toISOString() });
    return super.save(id, session, revision);
  }

  override async snapshot(
    id: string,
    session: Session,
    revision: number,
    reason: SnapshotInfo['reason'],
  ): Promise<Result<SnapshotInfo>> {
    if (!this.dryRun) return super.snapshot(id, session, revision, reason);
    return ok({
      id: 'dry-run',
      createdAt: this.now().toISOString(),
      reason,
      revision,
      name: session.name,
      submissionCount: session.submissions.length,
      bytes: 0,
    });
  }

  /**
   * A session.json that does not parse or validate is left exactly where it is (a clerk may be
   * editing it by hand): the command stops and names the problem; nothing is written to the folder.
   */
  protected override async damaged(id: string, code: string, why: string): Promise<StoredOpen> {
    const file = path.join(this.dirOf(id), SESSION_FILE);
    // No session is opened, so nothing will close it: give the owner lock back now.
    if (!this.lowOf(id).readOnly) await this.locks.release(this.dirOf(id));
    return { status: 'damaged', code, message: `会议文件 ${file} 有错误：${why}。未做任何修改，请改正后重试` };
  }

  async create(): Promise<Result<void>> {
    return notHere('新建会议');
  }
  async touch(): Promise<void> {
    // no recent list for a folder
  }
  async copy(): Promise<Result<void>> {
    return notHere('复制会议');
  }
  async trash(): Promise<Result<TrashEntry>> {
    return notHere('删除会议');
  }
  async trashList(): Promise<Result<TrashEntry[]>> {
    return ok([]);
  }
  async trashRestore(): Promise<Result<string>> {
    return notHere('从回收站恢复');
  }
  async trashEmpty(): Promise<Result<number>> {
    return ok(0);
  }
}

/** Sources by their path relative to the folder; new ones content-addressed under files/. */
export class FolderFiles implements FileStore {
  private readonly root: string;
  private readonly disk: DiskFiles;
  private readonly staged = new MemoryFiles();

  constructor(
    dir: string,
    private readonly fs: FsPort,
    private readonly dryRun = false,
  ) {
    this.root = path.resolve(dir);
    this.disk = new DiskFiles(fs, () => this.root);
  }

  /** The absolute path of a source inside the folder, or null when it would leave the folder. */
  resolve(file: string): string | null {
    if (!file || path.isAbsolute(file) || /^[a-z]:/i.test(file)) return null;
    const abs = path.resolve(this.root, file);
    return abs.startsWith(this.root + path.sep) ? abs : null;
  }

  async put(sessionId: string, bytes: Uint8Array, ext: string): Promise<Result<{ file: string; sha256: string }>> {
    return this.dryRun ? this.staged.put(sessionId, bytes, ext) : this.disk.put(sessionId, bytes, ext);
  }

  async get(sessionId: string, file: string): Promise<Result<Uint8Array>> {
    if (this.dryRun) {
      const s = await this.staged.get(sessionId, file);
      if (s.ok) return s;
    }
    const abs = this.resolve(file);
    if (!abs)
      return err('session.bad-path', `材料文件的路径超出会议文件夹：${file.slice(0, 120)}`, {
        file: file.slice(0, 120),
      });
    try {
      return ok(new Uint8Array(await this.fs.readFile(abs)));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? '';
      return err('source.not-found', `找不到材料文件 ${file}（${code}）`, { file });
    }
  }

  imageResolver(_sessionId: string, file: string) {
    const abs = this.resolve(file);
    return abs ? folderImageResolver(this.root, abs) : undefined;
  }
}

/** A file system for staged outputs: the same calls without fsync (the real targets are written durably). */
function stagingFs(fs: FsPort): FsPort {
  return {
    ...fs,
    open: async (f, flags) => {
      const h = await fs.open(f, flags);
      return { writeFile: (d) => h.writeFile(d), sync: async () => undefined, close: () => h.close() };
    },
  };
}

export interface FolderPorts {
  ports: Ports;
  sessionId: string;
  store: FolderSessionStore;
  files: FolderFiles;
}

/**
 * The ports over the session folder `dir`. Fails (naming the file) when there is no readable
 * session.json; a damaged one is left to the store's recovery like in the app.
 */
export async function createFolderPorts(dirArg: string, opts: FolderPortsOptions = {}): Promise<Result<FolderPorts>> {
  const dir = path.resolve(dirArg);
  const fs = opts.fs ?? nodeFs;
  let fileId: string | undefined;
  try {
    const text = new TextDecoder().decode(await fs.readFile(path.join(dir, SESSION_FILE)));
    const j = JSON.parse(text.replace(/^\uFEFF/, '')) as { id?: unknown };
    if (typeof j?.id === 'string') fileId = j.id;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err('session.not-found', `找不到会议文件：${path.join(dir, SESSION_FILE)}`);
    if (code) return err('session.not-found', `无法读取会议文件 ${path.join(dir, SESSION_FILE)}（${code}）`);
    // not JSON: the store's open() reports it as damaged and offers the snapshots
  }
  const sessionId = folderSessionId(dir, fileId);
  const staging = await mkdtemp(path.join(os.tmpdir(), 'huibian-out-'));
  const store = new FolderSessionStore(dir, sessionId, { fs, dryRun: opts.dryRun });
  const files = new FolderFiles(dir, fs, opts.dryRun);
  const outputs = new DiskOutputs(stagingFs(fs), () => staging);
  const mem = new MemoryFiles();
  // No warm-up, no worker pool, no portal; print products only when asked: a CLI process does one
  // thing at once, and loads only the modules it uses (the fresh-process speed of `huibian compile` counts).
  const { prefetch, compile } = nodeCompiler(outputs);
  const cacheDir = opts.cacheDir === undefined ? BUILD_ID && defaultCacheDir() : opts.cacheDir;
  const importCache = cacheDir ? new ImportCache(cacheDir, BUILD_ID ?? 'unbuilt') : undefined;
  // The compressed font subsets too (per process: one folder session per CLI run).
  const fontStreams = cacheDir ? fontStreamStore(cacheDir, BUILD_ID ?? 'unbuilt') : undefined;
  useFontStreamStore(fontStreams);
  const ports: Ports = {
    storage: store,
    files,
    bodies: mem.bodyStore,
    outputs,
    clock: { now: () => new Date() },
    ids: nodeIds(),
    importer: cachedImporter(batchImporter(), importCache),
    compiler: { prefetch, compile },
    sorter: orderSorter(),
    local: nodeLocalFiles(fs),
    ...(opts.roster ? { roster: (await import('./ports')).nodeRosterFiles } : {}),
    ...(opts.printer ? { printer: (await import('./print-producer')).nodePrinter(outputs) } : {}),
    info: { version: APP_VERSION, dataDir: dir, transport: opts.transport ?? 'cli' },
    dispose: async () => {
      // The caches are trimmed once per run, not after every entry a run adds.
      await Promise.all([
        rm(staging, { recursive: true, force: true }).catch(() => undefined),
        importCache?.prune(),
        fontStreams?.prune(),
      ]);
    },
  };
  return ok({ ports, sessionId, store, files });
}
