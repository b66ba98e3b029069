// The real ports wired together for the app, `huibian serve` and the E2E tests: the disk session
// store (lowdb + durable writes), content-addressed files, bodies, outputs, the batch importer,
// the compile engine, the ordering rules, xlsx rosters, the bundled sample, local paths.
// This is the one place that decides which implementation backs each port.
import { readFile, stat, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { SessionSchema, describeIssues } from '../model/session';
import { err, ok, type Result } from '../result';
import { createOrderSorter } from '../order/sorter';
import type { Compiler, LocalFiles, Ports, SampleProvider } from '../service/ports';
import { compileDocs } from './compile-session';
import { batchImporter } from './import-batch';
import { ReadPool } from './read-worker';
import { samplesDir } from './paths';
import { findInstalledFonts } from './fonts';
import { xlsxSpreadsheetReader } from './roster-io';
import { durableWrite } from './store/durable-write';
import { DiskBodies, DiskFiles, DiskOutputs } from './store/file-store';
import { nodeFs, type FsPort } from './store/fs-port';
import { DiskSessionStore } from './store/session-store';

export const APP_VERSION = '0.1.0';
/** Largest file read from a local path (B5: checked before reading). */
export const MAX_LOCAL_FILE = 300 * 1024 * 1024;

export interface NodePortsOptions {
  dataDir: string;
  fs?: FsPort;
  transport?: string;
  /** Read imports in worker threads with time and memory limits (H6); default true. */
  readPool?: boolean;
  /** Overrides for tests (e.g. a faster compiler double, a manual clock). */
  overrides?: Partial<Ports>;
}

export function nodeIds() {
  return { next: (prefix: string) => `${prefix}-${Date.now().toString(36)}${randomBytes(4).toString('hex')}` };
}

export function createNodePorts(opts: NodePortsOptions): Ports & { store: DiskSessionStore; outputsStore: DiskOutputs } {
  const fs = opts.fs ?? nodeFs;
  const clock = opts.overrides?.clock ?? { now: () => new Date() };
  const store = new DiskSessionStore({ dataDir: opts.dataDir, fs, now: () => clock.now() });
  const dirOf = (id: string) => store.dirOf(id);
  const outputs = new DiskOutputs(fs, dirOf);
  // Parsing untrusted files happens off the main thread, with a time limit and a heap cap.
  const pool = opts.readPool === false ? undefined : new ReadPool({ size: 2 });

  const compiler: Compiler = {
    async compile(sessionId, session, docs, o) {
      const pdfPath = outputs.pathOf(sessionId, '汇编.pdf')!;
      const docxPath = o.formats.includes('docx') ? outputs.pathOf(sessionId, '汇编.docx')! : undefined;
      await mkdir(path.dirname(pdfPath), { recursive: true });
      const r = await compileDocs(session, docs, {
        pdfPath,
        ...(docxPath ? { docxPath } : {}),
        signal: o.signal,
        onProgress: (p) => o.onProgress?.({ phase: p.phase, done: p.done, total: p.total, message: `${p.phase === 'layout' ? '正在排版' : '正在生成'} ${p.done}/${p.total}` }),
      });
      if (!r.ok) return r;
      const s = r.value;
      const warnings = [
        ...s.failures.map((f) => ({ code: f.error.code, message: `材料“${f.title}”未能编入：${f.error.message}` })),
        ...s.missing.map((m) => ({ code: 'compile.missing', message: `材料“${m.title}”没有正文，已跳过` })),
        ...(s.docxError ? [{ code: s.docxError.code, message: s.docxError.message }] : []),
        ...(s.missingGlyphs.length ? [{ code: 'compile.missing-glyphs', message: `有 ${s.missingGlyphs.length} 个字符所有字体都没有：${s.missingGlyphs.slice(0, 20).join('')}` }] : []),
      ];
      return ok({
        ...(s.outputs.pdf ? { pdf: { ...outputs.describe(sessionId, '汇编.pdf'), size: s.outputs.pdf.bytes } } : {}),
        ...(s.outputs.docx ? { docx: { ...outputs.describe(sessionId, '汇编.docx'), size: s.outputs.docx.bytes } } : {}),
        pageCount: s.pages,
        items: s.itemDetails.map((i) => ({ submissionId: i.submissionId, startPage: i.startPage, pageCount: i.pageCount })),
        warnings,
      });
    },
  };

  const sample: SampleProvider = {
    async load() {
      const dir = path.join(samplesDir(), 'qi-culture');
      let json: unknown;
      try {
        json = JSON.parse(await readFile(path.join(dir, 'session.json'), 'utf8'));
      } catch (e) {
        return err('sample.unavailable', `示例会议不可用：${(e as Error).message}`);
      }
      const p = SessionSchema.safeParse(json);
      if (!p.success) return err('sample.invalid', `示例会议数据有误：${describeIssues(p.error).slice(0, 3).join('；')}`);
      const files: { file: string; bytes: Uint8Array }[] = [];
      for (const sub of p.data.submissions) {
        const abs = path.resolve(dir, sub.source.file);
        if (!abs.startsWith(dir + path.sep)) continue;
        try {
          files.push({ file: sub.source.file, bytes: new Uint8Array(await readFile(abs)) });
        } catch {
          // reported by the service as a missing sample file
        }
      }
      return ok({ session: p.data, files });
    },
  };

  const local: LocalFiles = {
    async read(p): Promise<Result<Uint8Array>> {
      try {
        const st = await stat(p);
        if (!st.isFile()) return err('file.not-file', `不是文件：${p}`, { file: p });
        if (st.size > MAX_LOCAL_FILE) return err('file.too-large', `文件过大（${Math.round(st.size / 1048576)} MB，上限 ${MAX_LOCAL_FILE / 1048576} MB）：${p}`, { file: p });
        return ok(new Uint8Array(await readFile(p)));
      } catch (e) {
        return err('file.not-found', `无法读取文件 ${p}（${(e as NodeJS.ErrnoException).code ?? e}）`, { file: p });
      }
    },
    async write(p, bytes) {
      return durableWrite(fs, p, bytes);
    },
  };

  return {
    storage: store,
    files: new DiskFiles(fs, dirOf),
    bodies: new DiskBodies(fs, dirOf),
    outputs,
    clock,
    ids: nodeIds(),
    importer: batchImporter(pool),
    dispose: async () => {
      await pool?.close();
    },
    compiler,
    sorter: createOrderSorter(),
    spreadsheet: xlsxSpreadsheetReader,
    sample,
    local,
    fonts: {
      // Scanning the font folders takes a while: once per process.
      installed: (() => {
        let cached: ReturnType<typeof findInstalledFonts> | undefined;
        return () => (cached ??= findInstalledFonts());
      })(),
    },
    info: { version: APP_VERSION, dataDir: opts.dataDir, transport: opts.transport ?? 'local' },
    ...opts.overrides,
    store,
    outputsStore: outputs,
  };
}
