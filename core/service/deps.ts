// What every group of handlers shares: the ports, the session owner, the compile and print jobs,
// the warm-up, and the helpers that read a submission's body or a caller's file and write outputs.
// Built once per service by createService and handed to each handler group (core/service/handlers/).
import { countWords, documentText, type SourceDoc } from '../model/document';
import { SCHEMA_VERSION, SessionSchema, type Session, type Submission } from '../model/session';
import { fromBase64 } from '../bytes/base64';
import { err, ok, type Result } from '../result';
import type { CallContext } from '../contract/client';
import type { FileInput, OutputFile } from '../contract/schemas';
import { CompileJobs } from './compile-jobs';
import { CompileWarmup } from './compile-warmup';
import { orderSorter, registryImporter } from './default-ports';
import { Emitter } from './emitter';
import { basicRosterFiles } from './roster-import';
import type { CompileWarning, Ports } from './ports';
import { noticeDoc, unreadableNotice } from '../model/notice-doc';

/** The placed items' documents (unreadable ones as notices) and the warnings naming them. */
export interface LoadedDocs {
  docs: Map<string, SourceDoc>;
  warnings: CompileWarning[];
}
import { PrintRuns } from './print-runs';
import { SessionOwner } from './session-owner';

export const todayIso = (d: Date) => d.toISOString().slice(0, 10);

/** Submissions whose bodies loadDocs reads at once. */
const LOAD_DOCS_AT_ONCE = 6;

/** The key a submission's body is stored under. */
export const bodyKey = (sub: Submission) =>
  sub.source.sha256 ?? `p-${sub.source.file.replace(/[^0-9a-zA-Z_-]/g, '_').slice(-90)}`;

/** A notice naming the characters a sort had no stroke data for (none when there are none). */
export const unknownNotice = (chars: string[]) =>
  chars.length
    ? [
        {
          code: 'order.unknown-chars',
          message: `以下字符没有标准笔顺数据，位置按估计的笔顺或总笔画数排出，请人工核对：${chars.join('、')}`,
        },
      ]
    : [];

export type ServiceDeps = ReturnType<typeof createServiceDeps>;

export function createServiceDeps(ports: Ports) {
  const emitter = new Emitter();
  const owner = new SessionOwner(ports, emitter);
  const jobs = new CompileJobs(ports, emitter);
  const importer = ports.importer ?? registryImporter;
  const sorter = ports.sorter ?? orderSorter();
  const rosterFiles = ports.roster ?? basicRosterFiles;
  const prints = new PrintRuns(emitter);
  const wordCache = new Map<string, number>();

  const now = () => ports.clock.now();

  async function resolveFile(
    f: FileInput,
    ctx: CallContext,
    maxBytes?: number,
  ): Promise<Result<{ name: string; bytes: Uint8Array }>> {
    if ('data' in f) {
      try {
        return ok({ name: f.name, bytes: fromBase64(f.data) });
      } catch {
        return err('file.bad-data', `文件 ${f.name} 的内容编码无效`, { file: f.name });
      }
    }
    if ('upload' in f) {
      if (!ports.uploads) return err('file.upload-refused', `此方式不能使用上传的文件：${f.name}`, { file: f.name });
      const u = await ports.uploads.read(f.upload);
      return u.ok ? ok({ name: f.name, bytes: u.value.bytes }) : u;
    }
    const name = f.name ?? f.path.split(/[\\/]/).pop() ?? f.path;
    if (!ctx.allowPaths || !ports.local)
      return err('file.path-refused', `此方式不能按路径读取文件：${name}`, { file: name });
    const r = await ports.local.read(f.path, maxBytes ? { maxBytes } : undefined);
    return r.ok ? ok({ name, bytes: r.value }) : r;
  }

  function emptySession(): Session {
    return SessionSchema.parse({ schemaVersion: SCHEMA_VERSION, id: 'x', name: 'x', date: todayIso(now()) });
  }

  /** The imported body of a submission: stored JSON, or re-read from its source (then stored). */
  async function getDoc(sessionId: string, sub: Submission): Promise<Result<SourceDoc>> {
    const key = bodyKey(sub);
    const b = await ports.bodies.get(sessionId, key);
    if (b.ok) return b;
    const bytes = await ports.files.get(sessionId, sub.source.file);
    if (!bytes.ok) return bytes;
    const name = sub.source.originalName ?? sub.source.file;
    const resolveImage = ports.files.imageResolver?.(sessionId, sub.source.file);
    const [r] = await importer.importFiles(
      [{ name: name.includes('.') ? name : `${name}.${sub.source.format}`, bytes: bytes.value, resolveImage }],
      { ...emptySession(), members: [] },
    );
    if (!r?.ok || !r.doc)
      return { ok: false, error: r?.error ?? { code: 'import.failed', message: `无法读取材料“${sub.title}”` } };
    await ports.bodies.put(sessionId, key, r.doc);
    return ok(r.doc);
  }

  async function wordsOf(sessionId: string, sub: Submission): Promise<number> {
    const k = `${sessionId}:${bodyKey(sub)}`;
    const cached = wordCache.get(k);
    if (cached !== undefined) return cached;
    const d = await getDoc(sessionId, sub);
    const n = d.ok ? countWords(d.value.pdf?.text ?? documentText(d.value)) : 0;
    wordCache.set(k, n);
    return n;
  }

  /**
   * The placed items' documents. One rule for every output (compile, print products, warm-up, in
   * the app and the CLI): an item whose source cannot be read does not stop the dossier — it is
   * printed as a notice naming the file (the same page a damaged PDF gets), and a warning with the
   * stable code compile.source-unreadable names the file and the cause.
   */
  async function loadDocs(
    sessionId: string,
    session: Session,
    progress?: (done: number, total: number, message: string) => void,
  ): Promise<LoadedDocs> {
    const placed = new Set(session.sections.flatMap((s) => s.items));
    const subs = session.submissions.filter((s) => placed.has(s.id));
    const total = subs.length;
    // A few at a time (the reads overlap; importing a file that must be read again stays bounded),
    // kept in the session's order.
    const got: Result<SourceDoc>[] = new Array(total);
    let next = 0;
    let done = 0;
    progress?.(0, total, `正在读取材料 1/${total}：${subs[0]?.title ?? ''}`);
    const worker = async () => {
      for (let k = next++; k < total; k = next++) {
        got[k] = await getDoc(sessionId, subs[k]);
        done++;
        if (done < total) progress?.(done, total, `正在读取材料 ${done + 1}/${total}：${subs[done].title}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LOAD_DOCS_AT_ONCE, total) }, worker));
    const docs = new Map<string, SourceDoc>();
    const warnings: CompileWarning[] = [];
    subs.forEach((sub, k) => {
      const d = got[k];
      if (d.ok) {
        docs.set(sub.id, d.value);
        return;
      }
      const file = sub.source.originalName ?? sub.source.file;
      docs.set(sub.id, noticeDoc(unreadableNotice(file)));
      warnings.push({
        code: 'compile.source-unreadable',
        submissionId: sub.id,
        message: `材料“${sub.title}”的文件 ${file} 无法读取（${d.error.message}），汇编中以说明文字代替`,
      });
    });
    return { docs, warnings };
  }

  const warmup = new CompileWarmup(ports, {
    current: async (id) => {
      if (!owner.isOpen(id)) return undefined;
      const r = await owner.read(id, (st) => ok(st.session));
      return r.ok ? r.value : undefined;
    },
    loadDocs,
    compiled: (id) => jobs.latestOf(id) !== undefined,
  });

  async function writeOut(
    file: OutputFile,
    sessionId: string,
    targetPath: string | undefined,
    ctx: CallContext,
  ): Promise<Result<OutputFile>> {
    if (!targetPath) return ok(file);
    if (!ctx.allowPaths || !ports.local) return err('file.path-refused', '此方式不能写入本机路径，请通过下载保存');
    const bytes = await ports.outputs.read(sessionId, file.name);
    if (!bytes.ok) return bytes;
    const w = await ports.local.write(targetPath, bytes.value);
    return w.ok ? ok({ ...file, path: targetPath }) : w;
  }

  return {
    ports,
    emitter,
    owner,
    jobs,
    importer,
    sorter,
    rosterFiles,
    prints,
    warmup,
    now,
    resolveFile,
    emptySession,
    getDoc,
    wordsOf,
    loadDocs,
    writeOut,
  };
}
