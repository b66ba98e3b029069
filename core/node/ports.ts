// The real ports wired together for the app, `huibian serve` and the E2E tests: the disk session
// store (lowdb + durable writes), content-addressed files, bodies, outputs, the batch importer,
// the compile engine, the ordering rules, roster files (xlsx/csv in any Windows encoding), print
// production (booklets, numbered copies, handouts), the bundled sample, local paths.
// This is the one place that decides which implementation backs each port.
import { readFile } from 'node:fs/promises';
import { APP_VERSION, MAX_LOCAL_FILE, nodeIds, nodeLocalFiles } from './local-files';
import path from 'node:path';
import { SessionSchema, describeIssues } from '../model/session';
import { err, ok } from '../result';
import { orderSorter } from '../service/default-ports';
import type { Ports, RosterFiles, SampleProvider } from '../service/ports';
import { nodePrinter } from './print-producer';
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

export { APP_VERSION, MAX_LOCAL_FILE, nodeIds, nodePrinter };

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
