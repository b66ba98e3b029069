// The real ports wired together for the app, `huibian serve` and the E2E tests: the disk session
// store (lowdb + durable writes), content-addressed files, bodies, outputs, the batch importer,
// the compile engine, the ordering rules, roster files (xlsx/csv in any Windows encoding), print
// production (booklets, numbered copies, handouts), the bundled sample, local paths.
// This is the one place that decides which implementation backs each port.
import { sanitizeFileName } from '../print/file-names';
import { readFile } from 'node:fs/promises';
import { APP_VERSION, MAX_LOCAL_FILE, nodeIds, nodeLocalFiles } from './local-files';
import path from 'node:path';
import { SessionSchema, describeIssues } from '../model/session';
import { err, ok } from '../result';
import { orderSorter } from '../service/default-ports';
import type { Ports, PrintOutcome, PrintProducer, RosterFiles, SampleProvider } from '../service/ports';
import type { PrintKind } from '../service/ports';
import { PDFDocument } from 'pdf-lib';
import { exportSession } from './export';
import { nodeCompiler } from './compile-session';
import { batchImporter } from './import-batch';
import { ReadPool } from './read-worker';
import { samplesDir } from './paths';
import { findInstalledFonts } from './fonts';
import { applyMapping, exportRosterXlsx, proposeMapping, readRosterTable, xlsxSpreadsheetReader } from './roster-io';
import { tablesToXlsx } from './table-xlsx';
import { DiskBodies, DiskFiles, DiskOutputs } from './store/file-store';
import { nodeFs, type FsPort } from './store/fs-port';
import { DiskSessionStore } from './store/session-store';
import { NodePortalHost } from './portal-host';

export { APP_VERSION, MAX_LOCAL_FILE, nodeIds };

export interface NodePortsOptions {
  dataDir: string;
  fs?: FsPort;
  transport?: string;
  /** Read imports in worker threads with time and memory limits (H6); default true. */
  readPool?: boolean;
  /** Overrides for tests (e.g. a faster compiler double, a manual clock). */
  overrides?: Partial<Ports>;
  /** 网上报送: a fixed listening address (`huibian serve --portal-host/--portal-port`), test rate limits. */
  portal?: ConstructorParameters<typeof NodePortalHost>[0] extends infer P ? Omit<P & object, 'dataDir'> : never;
}

/** Roster files through core/node/roster-io.ts: .xlsx and .csv/.tsv/.txt in UTF-8, UTF-16 or GBK. */
export const nodeRosterFiles: RosterFiles = {
  // Unrecognised headers still give a table: the clerk maps the columns (roster.preview → mapping).
  read: (bytes, fileName) => readRosterTable(bytes, fileName, undefined, { firstRowIfNoName: true }),
  propose: (headers) => proposeMapping(headers),
  apply: (table, mapping) => applyMapping(table, mapping),
  exportXlsx: (members) => exportRosterXlsx(members),
  exportTablesXlsx: (sheets) => tablesToXlsx(sheets),
};

/** The ordering rules: core/order's, as the service's default (kept as a name for the wiring and tests). */
export const nodeSorter = orderSorter;

/** Names of print products in the session's outputs folder (a new export replaces the last one). */
const PRINT_FILE: Record<PrintKind, string> = {
  print: '汇编-印刷版.pdf',
  booklet: '汇编-骑马订小册子.pdf',
  copies: '汇编-编号本.pdf',
  register: '分发清退登记表.pdf',
  handouts: '分发材料.pdf',
  screen: '汇编-屏幕阅读版.pdf',
  phone: '汇编-手机阅读版.pdf',
  printsheet: '印制单.pdf',
};

/** Page count of a written PDF (left out for very large files, where parsing would cost seconds). */
async function pdfPages(file: string, bytes: number): Promise<number | undefined> {
  if (!/\.pdf$/i.test(file) || bytes > 40 * 1024 * 1024) return undefined;
  try {
    const doc = await PDFDocument.load(await readFile(file), { ignoreEncryption: true, updateMetadata: false });
    return doc.getPageCount();
  } catch {
    return undefined;
  }
}

/**
 * Print production through core/node/export.ts, writing into the session's outputs folder so the
 * files are served at /files/<sessionId>/<name> like the compiled PDF. A batch of handouts becomes
 * one zip (the folder of PDFs would not be downloadable).
 */
export function nodePrinter(outputs: DiskOutputs): PrintProducer {
  return {
    async produce(sessionId, session, docs, req, o) {
      // Named after the session, so files from two sessions are told apart in a folder or a mail.
      const base = req.as === 'handouts' && req.batch ? '分发材料.zip' : PRINT_FILE[req.as];
      const name = `${sanitizeFileName(session.name, 60)}-${base}`;
      const out = outputs.pathOf(sessionId, name);
      if (!out) return err('export.bad-name', `输出文件名不合规：${name}`);
      const dir = path.dirname(out);
      const r = await exportSession(session, docs, {
        ...req,
        out,
        ...(req.as === 'handouts' && req.batch ? { zip: true } : {}),
        onProgress: o.onProgress,
        signal: o.signal,
      });
      if (!r.ok) return r;
      const files: PrintOutcome['files'] = [];
      for (const f of r.value.files) {
        const rel = path.relative(dir, f.path);
        // Everything export.ts writes for these requests lands beside `out`; anything else is not servable.
        if (rel.includes(path.sep) || rel.startsWith('..')) continue;
        const pages = await pdfPages(f.path, f.bytes);
        files.push({ ...outputs.describe(sessionId, rel), size: f.bytes, ...(pages !== undefined ? { pages } : {}) });
      }
      return ok({
        files,
        pages: r.value.pages,
        ...(r.value.copies !== undefined ? { copies: r.value.copies } : {}),
        ...(r.value.printSheet ? { printSheet: r.value.printSheet } : {}),
        warnings: r.value.warnings,
        ms: r.value.ms,
      });
    },
  };
}

export function createNodePorts(
  opts: NodePortsOptions,
): Ports & { store: DiskSessionStore; outputsStore: DiskOutputs; portalHost: NodePortalHost } {
  const fs = opts.fs ?? nodeFs;
  const clock = opts.overrides?.clock ?? { now: () => new Date() };
  const store = new DiskSessionStore({ dataDir: opts.dataDir, fs, now: () => clock.now() });
  const dirOf = (id: string) => store.dirOf(id);
  const outputs = new DiskOutputs(fs, dirOf);
  // Parsing untrusted files happens off the main thread, with a time limit and a heap cap.
  const pool = opts.readPool === false ? undefined : new ReadPool({ size: 2 });

  // Compiled outputs go to the session's outputs/ folder as 汇编.pdf / 汇编.docx.
  const compiler = nodeCompiler(outputs);

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
      if (!p.success)
        return err('sample.invalid', `示例会议数据有误：${describeIssues(p.error).slice(0, 3).join('；')}`);
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

  const portalHost = new NodePortalHost({ dataDir: opts.dataDir, ...opts.portal });
  const local = nodeLocalFiles(fs);

  return {
    storage: store,
    files: new DiskFiles(fs, dirOf),
    bodies: new DiskBodies(fs, dirOf),
    outputs,
    clock,
    ids: nodeIds(),
    importer: batchImporter(pool),
    dispose: async () => {
      await portalHost.stopAll();
      await pool?.close();
    },
    portal: portalHost,
    compiler,
    sorter: nodeSorter(),
    spreadsheet: xlsxSpreadsheetReader,
    roster: nodeRosterFiles,
    printer: nodePrinter(outputs),
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
    portalHost,
  };
}
