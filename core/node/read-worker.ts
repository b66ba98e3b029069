// Runs readers off the main thread (reliability H6): a small pool of worker_threads, each with a
// V8 heap cap (resourceLimits) and a per-file timeout after which the worker is terminated and
// replaced, so one pathological file can neither hang nor exhaust the app. The same module is the
// worker's entry point. It must never let a worker failure escape as an exception: every outcome
// is a Result naming the file.
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import type { SourceDoc } from '../model/document';
import type { SourceFormat } from '../model/session';
import { err, type Result } from '../result';
import { readSource } from '../read/registry';
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

type Msg = { id: number; job: ReadJob };
type Reply = { id: number; result: Result<SourceDoc> };

/** In-worker (or in-process) read with the LibreOffice converter when one is installed. */
export async function readJob(job: ReadJob): Promise<Result<SourceDoc>> {
  return readSource(job.bytes, { format: job.format, fileName: job.fileName, pdfText: job.pdfText, convertLegacy: legacyConverter() });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.on('message', (m: Msg) => {
    readJob(m.job).then(
      (result) => port.postMessage({ id: m.id, result } satisfies Reply),
      (e: unknown) => port.postMessage({ id: m.id, result: err('import.failed', `读取 ${m.job.fileName} 失败：${String(e)}`, { file: m.job.fileName }) } satisfies Reply),
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
  private readonly queue: { job: ReadJob; resolve: (r: Result<SourceDoc>) => void }[] = [];
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

  private spawn(): Worker {
    const url = new URL(import.meta.url);
    const limits = { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: READ_LIMITS.maxYoungGenerationSizeMb };
    if (!url.pathname.endsWith('.ts')) return new Worker(url, { resourceLimits: limits, stdout: false, stderr: false });
    // Under tsx / vitest the entry is TypeScript: register tsx's loader in the worker, then load it.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); }).catch((e) => { throw e; });`;
    return new Worker(boot, { eval: true, resourceLimits: limits, stdout: false, stderr: false });
  }

  read(job: ReadJob): Promise<Result<SourceDoc>> {
    if (this.closed) return Promise.resolve(err('import.cancelled', `导入已取消：${job.fileName}`, { file: job.fileName }));
    return new Promise((resolve) => {
      this.queue.push({ job, resolve });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) {
        slot = { worker: this.spawn(), busy: false };
        slot.worker.unref();
        this.slots.push(slot);
      }
      if (!slot) return;
      const { job, resolve } = this.queue.shift()!;
      this.run(slot, job, resolve);
    }
  }

  private run(slot: Slot, job: ReadJob, resolve: (r: Result<SourceDoc>) => void): void {
    slot.busy = true;
    const id = this.nextId++;
    const w = slot.worker;
    let settled = false;
    const finish = (r: Result<SourceDoc>, replace: boolean) => {
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
      const oom = /out of memory|ERR_WORKER_OUT_OF_MEMORY/i.test(`${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`);
      finish(
        oom
          ? err('import.too-complex', `${job.fileName} 过于复杂，读取时内存超过上限，已停止；请用 Word/WPS 打开后另存为 .docx，或压缩其中的图片`, { file: job.fileName, detail: e.message })
          : err('import.failed', `读取 ${job.fileName} 时出错：${e.message}`, { file: job.fileName, detail: e.stack }),
        true,
      );
    };
    const onExit = (code: number) => finish(err('import.failed', `读取 ${job.fileName} 时读取进程意外退出（${code}）`, { file: job.fileName }), true);
    const timer = setTimeout(
      () => finish(err('import.timeout', `${job.fileName} 读取超时（超过 ${Math.round(this.timeoutMs / 1000)} 秒），已停止；文件可能已损坏或过于复杂，请用 Word/WPS 另存后再导入`, { file: job.fileName }), true),
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

  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.resolve(err('import.cancelled', `导入已取消：${q.job.fileName}`, { file: q.job.fileName }));
    await Promise.all(this.slots.splice(0).map((s) => s.worker.terminate()));
  }
}
