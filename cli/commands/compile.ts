// `huibian compile <session-dir> [--pdf out.pdf] [--docx out.docx]`: compiles a session folder,
// shows progress on a terminal, prints a summary. A thin shell over core/node/compile-session:
// it must never write outputs itself except through writeFileAtomic (via compileSessionFolder).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { CompileProgress } from '../../core/compile';
import { compileSessionFolder } from '../../core/node/compile-session';
import { loadSessionFile } from '../../core/node/session-folder';
import { tuneV8ForShortRuns } from '../../core/node/v8-tuning';
import { oneSessionDir, parseCommandArgs } from '../args';

const HELP = `用法：huibian compile <会议文件夹> [--pdf 输出.pdf] [--docx 输出.docx]

  <会议文件夹>    含 session.json 的文件夹
  --pdf <文件>    输出 PDF（印刷版）
  --docx <文件>   输出 Word 文档（可继续编辑）
  不给 --pdf/--docx 时，写入 <会议文件夹>/out/<会议名称>.pdf`;

const safeName = (s: string) => s.replace(/[\\/:*?"<>|\r\n]+/g, '_').slice(0, 80) || 'dossier';

function progressPrinter(): (p: CompileProgress) => void {
  const tty = process.stderr.isTTY;
  let lastPct = -1;
  let lastPhase = '';
  return (p) => {
    const pct = Math.floor((p.done / Math.max(1, p.total)) * 100);
    const label = p.phase === 'layout' ? '排版' : p.phase === 'docx' ? '生成Word' : '生成PDF';
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

export async function run(argv: string[]): Promise<number> {
  // A compile process is short: let V8 optimise only what stays hot (see core/node/v8-tuning).
  tuneV8ForShortRuns();
  const args = parseCommandArgs(argv, { pdf: { type: 'string' }, docx: { type: 'string' } }, HELP);
  if (typeof args === 'number') return args;
  const dir = oneSessionDir(args.positionals, HELP);
  if (dir === 2) return dir;
  let pdfPath = args.values.pdf;
  const docxPath = args.values.docx;
  if (!pdfPath && !docxPath) {
    const s = await loadSessionFile(dir);
    if (!s.ok) {
      console.error(`错误：${s.error.message}`);
      return 1;
    }
    const outDir = path.join(dir, 'out');
    try {
      await mkdir(outDir, { recursive: true });
    } catch (e) {
      console.error(`错误：无法创建输出文件夹 ${outDir}（${(e as NodeJS.ErrnoException).code ?? e}）`);
      return 1;
    }
    pdfPath = path.join(outDir, `${safeName(s.value.name)}.pdf`);
  }
  const ac = new AbortController();
  const onSig = () => ac.abort();
  process.once('SIGINT', onSig);
  let r;
  try {
    r = await compileSessionFolder(dir, { pdfPath, docxPath, onProgress: progressPrinter(), signal: ac.signal });
  } finally {
    process.off('SIGINT', onSig);
  }
  if (!r.ok) {
    console.error(`错误：${r.error.message}`);
    return r.error.code === 'compile.cancelled' ? 130 : 1;
  }
  const s = r.value;
  const lines = [
    `材料 ${s.items} 篇，共 ${s.pages} 页（前置 ${s.frontPages} 页，正文 ${s.bodyPages} 页），${s.words.toLocaleString('zh-CN')} 字`,
    `用时 ${(s.ms / 1000).toFixed(2)} 秒（PDF ${(s.pdfMs / 1000).toFixed(2)} 秒${s.docxMs !== undefined ? `，Word ${(s.docxMs / 1000).toFixed(2)} 秒` : ''}）`,
    s.fallbackChars.length
      ? `使用备用字体的字符 ${s.fallbackChars.length} 个：${s.fallbackChars.join('')}`
      : '所有字符均由指定字体显示',
  ];
  if (s.missingGlyphs.length) lines.push(`警告：以下字符在所有字体中都没有字形：${s.missingGlyphs.join('')}`);
  if (s.outputs.pdf) lines.push(`PDF：${s.outputs.pdf.path}（${(s.outputs.pdf.bytes / 1024 / 1024).toFixed(2)} MB）`);
  if (s.outputs.docx) lines.push(`Word：${s.outputs.docx.path}（${(s.outputs.docx.bytes / 1024).toFixed(0)} KB）`);
  for (const f of s.failures) lines.push(`未能读取：${f.title} — ${f.error.message}`);
  for (const m of s.missing) lines.push(`缺少正文：${m.title}`);
  for (const w of s.warnings) lines.push(`注意：${w.message}`);
  if (s.docxError) lines.push(`Word 生成失败：${s.docxError.message}`);
  console.log(lines.join('\n'));
  return s.docxError ? 1 : 0;
}
