// Runs readers off the main thread (reliability H6): a small pool of worker_threads, each with a
// V8 heap cap (resourceLimits) and a per-file timeout after which the worker is terminated and
// replaced, so one pathological file can neither hang nor exhaust the app. The same module is the
// worker's entry point. It must never let a worker failure escape as an exception: every outcome
// is a Result naming the file.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceDoc } from '../model/document';
import type { SourceFormat } from '../model/session';
import { err, type Result } from '../result';
import { readSource, type ReadContext } from '../read/registry';
import { legacyConverter } from './legacy-convert';

export const READ_LIMITS = {
  /** One file's read, including PDF text extraction and legacy conversion. */
  timeoutMs: 90_000,
  /** Heap of one worker (a 100 MB DOCX with images needs ~600 MB). */
  maxOldGenerationSizeMb: 1536,
  maxYoungGenerationSizeMb: 64,
} as const;

export interface ReadJob {
  bytes: Uint8Array;
  format: SourceFormat;
  fileName: string;
  pdfText?: boolean;
}

/** A read's result, plus the DOCX a legacy file was converted to (stored instead of converting again). */
export type ReadOutcome = Result<SourceDoc> & { converted?: Uint8Array };

type Msg = { id: number; job: ReadJob };
type Reply = { id: number; result: ReadOutcome };

/** In-worker (or in-process) read with the LibreOffice converter when one is installed. */
export async function readJob(job: ReadJob, resolveImage?: ReadContext['resolveImage']): Promise<ReadOutcome> {
  let converted: Uint8Array | undefined;
  const result: ReadOutcome = await readSource(job.bytes, {
    format: job.format,
    fileName: job.fileName,
    pdfText: job.pdfText,
    ...(resolveImage ? { resolveImage } : {}),
    convertLegacy: legacyConverter(),
    onConverted: (d) => {
      converted = d;
    },
  });
  return converted && result.ok ? { ...result, converted } : result;
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (m: Msg) => {
    readJob(m.job).then(
      (result) => port.postMessage({ id: m.id, result } satisfies Reply),
      (e: unknown) =>
        port.postMessage({
          id: m.id,
          result: err('import.failed', `读取 ${m.job.fileName} 失败：${String(e)}`, { file: m.job.fileName }),
        } satisfies Reply),
    );
  });
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

export interface ReadPoolOptions {
  size?: number;
  timeoutMs?: number;
  maxOldGenerationSizeMb?: number;
}

/** A fixed-size pool; jobs queue when every worker is busy. */
export class ReadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: { job: ReadJob; resolve: (r: ReadOutcome) => void }[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;
  private readonly timeoutMs: number;
  private readonly heapMb: number;

  constructor(opts: ReadPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? 2);
    this.timeoutMs = opts.timeoutMs ?? READ_LIMITS.timeoutMs;
    this.heapMb = opts.maxOldGenerationSizeMb ?? READ_LIMITS.maxOldGenerationSizeMb;
  }

  private script?: Promise<{ file: URL | string; eval: boolean } | undefined>;

  /**
   * Where the worker's code comes from. Built JS (the app) runs this module directly. Under tsx or
   * vitest the module is TypeScript: it is bundled once with esbuild into node_modules/.cache (a
   * worker then starts in ~0.2 s instead of ~1.5 s with a TypeScript loader per worker), falling
   * back to registering tsx inside the worker when esbuild is not installed.
   */
  private workerScript(): Promise<{ file: URL | string; eval: boolean } | undefined> {
    this.script ??= (async () => {
      const url = new URL(import.meta.url);
      const file = fileURLToPath(url);
      const base = path.basename(file);
      if (base.endsWith('.ts')) {
        const bundled = await bundleForDev(url).catch(() => undefined);
        if (bundled) return { file: bundled, eval: false };
        return {
          file: `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`,
          eval: true,
        };
      }
      if (base.startsWith('read-worker.')) return { file: url, eval: false };
      // Bundled into a bigger file (the Electron main bundle): the worker is its own bundle beside it.
      for (const ext of ['.cjs', '.mjs', '.js']) {
        const sibling = path.join(path.dirname(file), `read-worker${ext}`);
        if (existsSync(sibling)) return { file: sibling, eval: false };
      }
      return undefined;
    })();
    return this.script;
  }

  private async spawn(): Promise<Worker> {
    const s = await this.workerScript();
    if (!s) throw new Error('worker script not found');
    const limits = {
      maxOldGenerationSizeMb: this.heapMb,
      maxYoungGenerationSizeMb: READ_LIMITS.maxYoungGenerationSizeMb,
    };
    return new Worker(s.file, { eval: s.eval, resourceLimits: limits, stdout: false, stderr: false });
  }

  async read(job: ReadJob): Promise<ReadOutcome> {
    if (this.closed) return err('import.cancelled', `导入已取消：${job.fileName}`, { file: job.fileName });
    // No worker bundle shipped (a packaging mistake): read in-process rather than not at all.
    if (!(await this.workerScript())) return readJob(job);
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  private spawning = 0;

  private pump(): void {
    while (this.queue.length) {
      const slot = this.slots.find((s) => !s.busy);
      if (!slot) {
        // Start another worker if the pool is not full; the queue is served when it is up.
        if (this.slots.length + this.spawning < this.size && this.spawning < this.queue.length) {
          this.spawning++;
          void this.spawn().then(
            (worker) => {
              this.spawning--;
              if (this.closed) {
                void worker.terminate();
                return;
              }
              worker.unref();
              this.slots.push({ worker, busy: false });
              this.pump();
            },
            (e: unknown) => {
              this.spawning--;
              for (const q of this.queue.splice(0))
                q.resolve(err('import.worker-failed', `无法启动读取进程：${String(e)}`, { file: q.job.fileName }));
            },
          );
        }
        return;
      }
      const { job, resolve } = this.queue.shift()!;
      this.run(slot, job, resolve);
    }
  }

  private run(slot: Slot, job: ReadJob, resolve: (r: ReadOutcome) => void): void {
    slot.busy = true;
    const id = this.nextId++;
    const w = slot.worker;
    let settled = false;
    const finish = (r: ReadOutcome, replace: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      if (replace) {
        void w.terminate();
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
      } else slot.busy = false;
      resolve(r);
      this.pump();
    };
    const onMessage = (m: Reply) => {
      if (m.id === id) finish(m.result, false);
    };
    const onError = (e: Error) => {
      const oom = /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(
        `${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`,
      );
      finish(
        oom
          ? err(
              'import.too-complex',
              `${job.fileName} 过于复杂，读取时内存超过上限，已停止；请用 Word/WPS 打开后另存为 .docx，或压缩其中的图片`,
              { file: job.fileName, detail: e.message },
            )
          : err('import.failed', `读取 ${job.fileName} 时出错：${e.message}`, { file: job.fileName, detail: e.stack }),
        true,
      );
    };
    const onExit = (code: number) =>
      finish(err('import.failed', `读取 ${job.fileName} 时读取进程意外退出（${code}）`, { file: job.fileName }), true);
    const timer = setTimeout(
      () =>
        finish(
          err(
            'import.timeout',
            `${job.fileName} 读取超时（超过 ${Math.round(this.timeoutMs / 1000)} 秒），已停止；文件可能已损坏或过于复杂，请用 Word/WPS 另存后再导入`,
            { file: job.fileName },
          ),
          true,
        ),
      this.timeoutMs,
    );
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.ref();
    w.postMessage({ id, job } satisfies Msg);
    // Let the process exit while idle workers wait.
    const unrefWhenIdle = () => {
      if (!slot.busy) w.unref();
    };
    w.once('message', unrefWhenIdle);
  }

  /** Starts every worker now, so the first files do not wait for start-up (the app keeps a warm pool). */
  async warm(): Promise<void> {
    const need = this.size - this.slots.length - this.spawning;
    const workers = await Promise.all(Array.from({ length: Math.max(0, need) }, () => this.spawn()));
    for (const w of workers) {
      // Wait until the module has loaded: a no-op read answers only after that.
      await new Promise<void>((resolve) => {
        w.once('message', () => resolve());
        w.postMessage({ id: 0, job: { bytes: new Uint8Array(0), format: 'txt', fileName: '' } } satisfies Msg);
      });
      w.unref();
      this.slots.push({ worker: w, busy: false });
    }
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0))
      q.resolve(err('import.cancelled', `导入已取消：${q.job.fileName}`, { file: q.job.fileName }));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}

/** Newest modification time under a folder (TypeScript sources only). */
async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, await newestMtime(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, (await stat(p)).mtimeMs);
  }
  return newest;
}

/** Development only: one ESM bundle of this module, rebuilt when any core/ source is newer. */
async function bundleForDev(self: URL): Promise<string> {
  const file = fileURLToPath(self);
  const core = path.resolve(path.dirname(file), '..');
  const root = path.resolve(core, '..');
  // One bundle per checkout: git worktrees share one node_modules (a symlink) and must never run
  // each other's readers (a newer bundle of another checkout would otherwise count as current).
  const tag = createHash('sha256').update(core).digest('hex').slice(0, 12);
  const out = path.join(root, 'node_modules', '.cache', 'huibian', `read-worker-${tag}.mjs`);
  const built = await stat(out).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (built > (await newestMtime(core))) return out;
  await mkdir(path.dirname(out), { recursive: true });
  const esbuild = await import('esbuild');
  const tmp = `${out}.${process.pid}.tmp.mjs`;
  await esbuild.build({
    entryPoints: [file],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: tmp,
    // pdfjs is loaded on demand from node_modules (resolvable from .cache/huibian).
    external: ['pdfjs-dist', 'pdfjs-dist/*'],
    banner: {
      js: "import { createRequire as __huibianRequire } from 'node:module'; const require = __huibianRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  const { rename } = await import('node:fs/promises');
  await rename(tmp, out);
  return out;
}
