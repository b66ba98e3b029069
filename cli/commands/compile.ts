// `huibian compile <session-dir> [--pdf out.pdf] [--docx out.docx]`: compiles a session folder
// through the contract (compile.start, then export.pdf / export.docx with the target paths), shows
// progress on a terminal and prints a summary. Outputs are written only by the service's LocalFiles
// port (durable writes); this file parses arguments, calls and prints.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CompileJob } from '../../core/contract/schemas';
import { err, ok, type Result } from '../../core/result';
import { setFontReadMode } from '../../core/node/fonts';
import { checkOutputFile } from '../../core/node/output-path';
import { tuneV8ForShortRuns } from '../../core/node/v8-tuning';
import { oneSessionDir, parseCommandArgs } from '../args';
import { withFolderClient, type LocalClient } from '../local-client';

const HELP = `用法：huibian compile <会议文件夹> [--pdf 输出.pdf] [--docx 输出.docx]

  <会议文件夹>    含 session.json 的文件夹
  --pdf <文件>    输出 PDF（印刷版）
  --docx <文件>   输出 Word 文档（可继续编辑）
  不给 --pdf/--docx 时，写入 <会议文件夹>/out/<会议名称>.pdf
  读取过的材料按内容缓存在用户缓存文件夹，再次编译时不必重读（设 HUIBIAN_CACHE_DIR=off 可关闭）`;

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80) || 'dossier';

type Progress = CompileJob['progress'];

function progressPrinter(): (p: Progress) => void {
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  let lastPhase = '';
  return (p) => {
    if (p.phase === 'done') return;
    const pct = Math.floor((p.done / Math.max(1, p.total)) * 100);
    const label =
      p.phase === 'read' ? '读取' : p.phase === 'layout' ? '排版' : p.phase === 'docx' ? '生成Word' : '生成PDF';
    if (tty) {
      if (pct === lastPct && p.phase === lastPhase && p.done !== p.total) return;
      const width = 30;
      const fill = Math.round((pct / 100) * width);
      process.stderr.write(
        `\r${label.padEnd(6, ' ')} [${'#'.repeat(fill)}${' '.repeat(width - fill)}] ${String(pct).padStart(3)}% ${p.done}/${p.total}   `,
      );
      if (p.done === p.total) process.stderr.write('\n');
    } else if (p.phase !== lastPhase || p.done === p.total) {
      process.stderr.write(`${label} ${p.done}/${p.total}\n`);
    }
    lastPct = pct;
    lastPhase = p.phase;
  };
}

export interface FolderCompileOptions {
  pdfPath?: string;
  docxPath?: string;
  onProgress?: (p: Progress) => void;
  signal?: AbortSignal;
}

export interface FolderCompileResult {
  job: CompileJob;
  outputs: { pdf?: { path: string; bytes: number }; docx?: { path: string; bytes: number } };
}

/** Waits for the job's last event (done, failed, cancelled), printing progress on the way. */
function runJob(
  client: LocalClient,
  sessionId: string,
  formats: ('pdf' | 'docx')[],
  o: FolderCompileOptions,
): Promise<Result<CompileJob>> {
  return new Promise((resolve) => {
    let jobId: string | undefined;
    const seen = new Map<string, CompileJob>();
    const terminal = (j: CompileJob) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled';
    const off = client.on('compile.progress', (j) => {
      if (jobId && j.jobId !== jobId) return;
      if (!jobId) seen.set(j.jobId, j);
      else settle(j);
    });
    const settle = (j: CompileJob) => {
      o.onProgress?.(j.progress);
      if (!terminal(j)) return;
      off();
      resolve(ok(j));
    };
    void client.call('compile.start', { sessionId, formats }).then((s) => {
      if (!s.ok) {
        off();
        return resolve(s);
      }
      jobId = s.value.jobId;
      o.signal?.addEventListener('abort', () => void client.call('compile.cancel', { jobId: jobId! }), { once: true });
      const early = seen.get(jobId);
      if (early) settle(early);
    });
  });
}

/**
 * Compiles the session folder `dir` through the contract and writes the outputs asked for (the
 * default: <dir>/out/<会议名称>.pdf). Used by the command and its tests.
 */
export async function compileFolder(dir: string, o: FolderCompileOptions = {}): Promise<Result<FolderCompileResult>> {
  for (const out of [o.pdfPath, o.docxPath]) {
    if (!out) continue;
    const c = await checkOutputFile(out);
    if (!c.ok) return c;
  }
  const r = await withFolderClient(dir, {}, async (client, sessionId): Promise<Result<FolderCompileResult>> => {
    let pdfPath = o.pdfPath;
    if (!pdfPath && !o.docxPath) {
      const st = await client.call('sessions.state', { sessionId });
      if (!st.ok) return st;
      const outDir = path.join(dir, 'out');
      try {
        await mkdir(outDir, { recursive: true });
      } catch (e) {
        return err('compile.output-dir', `无法创建输出文件夹 ${outDir}（${(e as NodeJS.ErrnoException).code ?? e}）`);
      }
      pdfPath = path.join(outDir, `${safeName(st.value.session.name)}.pdf`);
    }
    const job = await runJob(client, sessionId, o.docxPath ? ['pdf', 'docx'] : ['pdf'], o);
    if (!job.ok) return job;
    const j = job.value;
    if (j.state === 'cancelled') return err('compile.cancelled', '已取消编译');
    if (j.state !== 'done') return err(j.error?.code ?? 'compile.failed', j.error?.message ?? '编译未完成');
    const outputs: FolderCompileResult['outputs'] = {};
    if (pdfPath) {
      const w = await client.call('export.pdf', { sessionId, targetPath: pdfPath });
      if (!w.ok) return w;
      outputs.pdf = { path: pdfPath, bytes: w.value.size };
    }
    if (o.docxPath && j.result?.docx) {
      const w = await client.call('export.docx', { sessionId, targetPath: o.docxPath });
      if (!w.ok) return w;
      outputs.docx = { path: o.docxPath, bytes: w.value.size };
    }
    return ok({ job: j, outputs });
  });
  return r.ok ? r.value : r;
}

/** 51542 → "51,542" (as toLocaleString('zh-CN') writes it, without loading the locale data: ~20 ms of a fresh process). */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Warnings the summary already shows in its own lines. */
const SHOWN_ELSEWHERE = new Set(['compile.missing-glyphs']);

export function summaryLines(r: FolderCompileResult): string[] {
  const res = r.job.result!;
  const s = res.summary!;
  const lines = [
    `材料 ${s.items} 篇，共 ${res.pageCount ?? s.frontPages + s.bodyPages} 页（前置 ${s.frontPages} 页，正文 ${s.bodyPages} 页），${thousands(s.words)} 字`,
    `用时 ${(res.durationMs / 1000).toFixed(2)} 秒（PDF ${(s.pdfMs / 1000).toFixed(2)} 秒${s.docxMs !== undefined ? `，Word ${(s.docxMs / 1000).toFixed(2)} 秒` : ''}）`,
    s.fallbackChars.length
      ? `使用备用字体的字符 ${s.fallbackChars.length} 个：${s.fallbackChars.join('')}`
      : '所有字符均由指定字体显示',
  ];
  if (s.missingGlyphs.length) lines.push(`警告：以下字符在所有字体中都没有字形：${s.missingGlyphs.join('')}`);
  const { pdf, docx } = r.outputs;
  if (pdf) lines.push(`PDF：${pdf.path}（${(pdf.bytes / 1024 / 1024).toFixed(2)} MB）`);
  if (docx) lines.push(`Word：${docx.path}（${(docx.bytes / 1024).toFixed(0)} KB）`);
  for (const w of res.warnings) {
    if (SHOWN_ELSEWHERE.has(w.code) || (s.docxError && w.code === s.docxError.code)) continue;
    lines.push(
      w.code === 'compile.source-unreadable' || w.code === 'compile.pdf-unreadable'
        ? `未能读取：${w.message}`
        : `注意：${w.message}`,
    );
  }
  if (s.docxError) lines.push(`Word 生成失败：${s.docxError.message}`);
  return lines;
}

export async function run(argv: string[]): Promise<number> {
  // A compile process is short: let V8 optimise only what stays hot (see core/node/v8-tuning).
  tuneV8ForShortRuns();
  // One short process: read the fonts' outlines only for the glyphs used (see core/node/sparse-font).
  setFontReadMode('sparse');
  const args = parseCommandArgs(argv, { pdf: { type: 'string' }, docx: { type: 'string' } }, HELP);
  if (typeof args === 'number') return args;
  const dir = oneSessionDir(args.positionals, HELP);
  if (dir === 2) return dir;
  const ac = new AbortController();
  const onSig = () => ac.abort();
  process.once('SIGINT', onSig);
  let r;
  try {
    r = await compileFolder(dir, {
      pdfPath: args.values.pdf,
      docxPath: args.values.docx,
      onProgress: progressPrinter(),
      signal: ac.signal,
    });
  } finally {
    process.off('SIGINT', onSig);
  }
  if (!r.ok) {
    console.error(`错误：${r.error.message}`);
    return r.error.code === 'compile.cancelled' ? 130 : 1;
  }
  console.log(summaryLines(r.value).join('\n'));
  return r.value.job.result?.summary?.docxError ? 1 : 0;
}
