// `huibian export <session-dir> --as booklet|copies|register|handouts|screen|phone|print|printsheet
// --out <file or folder> [...]`: print production and distribution from the command line, through
// the contract like the app (export.print over the session folder's client, with --out as the
// targetPath the service checks and writes through LocalFiles). This file parses and checks
// arguments, prints progress and a summary; it never writes a file itself.
import { setFontReadMode } from '../../core/node/fonts';
import path from 'node:path';
import type { ExportPrintInputSchema } from '../../core/contract/print-schemas';
import { readRecipientsFile } from '../../core/node/recipients-file';
import { printSheetLines } from '../../core/print/print-sheet';
import { EXPORT_KINDS, type ExportKind } from '../../core/print/products';
import type { z } from 'zod';
import { oneSessionDir, parseCommandArgs } from '../args';
import { withFolderClient } from '../local-client';

type PrintInput = z.input<typeof ExportPrintInputSchema>;

const HELP = `用法：huibian export <会议文件夹> --as <类型> --out <文件或文件夹> [选项]

类型 (--as)：
  print       印刷版 PDF（按会议的装订设置；双面时补足空白页）
  booklet     骑马订小册子（A4 页拼在 A3 纸上，或 --sheet A4 拼成 A5 小册子）
  copies      编号本（份号），一份一个文件（--per-copy，--out 为文件夹）或全部在一个文件
  register    分发清退登记表（PDF）
  handouts    分发材料：所选材料（--items / --section / --member），或 --batch 每篇一个文件
  screen      屏幕阅读版（单面、无空白页、书签、可点击目录）
  phone       手机阅读版（110×180 毫米小开本，重新排版）
  printsheet  印制单（用纸张数、令数；--out 以 .pdf 结尾时输出 PDF，否则输出文本）

选项：
  --copies N            份数 1～5000（编号本、登记表、印制单）
  --start N             起始份号（默认 1）
  --digits N            份号位数 3～6（默认 6）
  --recipients 文件     领取人名单（每行一个：姓名或单位，可为“姓名,单位”），份数默认等于人数；
                        写 roster 则按会议名单中的委员顺序
  --mark footer|watermark|none   编号本每页标注领取人的方式（默认：有名单时页脚）
  --per-copy            编号本每份一个文件（--out 为文件夹）
  --with-register       编号本同时输出分发清退登记表
  --items id,id…        材料编号（逗号分隔）
  --section ID          栏目编号或名称
  --member ID           委员编号或姓名
  --renumber            分发材料重新从第 1 页编页码（默认保留汇编中的页码）
  --batch               分发材料每篇一个文件，放入 --out 文件夹
  --zip                 同时打包为 zip（--out 以 .zip 结尾时只输出 zip）
  --two-up              两页拼在一张横向纸上
  --sheet auto|A3|A4|A5 拼版用纸（默认 auto：页面的两倍大小）
  --creep 毫米          骑马订爬移补偿（每张纸，例如 0.1）
  --signature N         分帖拼版：每帖 N 张纸（页数多、不宜骑马订时）
  --binding single|duplex  本次输出的装订方式
  --gutter 毫米         装订线（加宽订口）
  --item-start newPage|oddPage  每篇材料从新页开始，或从新的单数页开始（插入不编页码的空白页）
  --pad 1|2|4           总页数用空白页补足为 2 或 4 的倍数（折页印刷）
  --mode single|duplex|booklet  印制单按单面、双面或骑马订计算用纸（默认按装订方式）
  --watermark 文字      斜向水印，例如 草稿、送审稿
  --internal            封面标注“内部资料 注意保存”
  --confidential 文字   封面保密说明，例如 会后收回
  --spare 百分比        印制单加放比例 0～50`;

function num(v: string | undefined, name: string, min: number, max: number, integer = true): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min || n > max)
    throw new Error(`${name} 应为 ${min}～${max} 之间的${integer ? '整数' : '数'}，收到：${v}`);
  return n;
}

export async function run(argv: string[]): Promise<number> {
  // One short process: read the fonts' outlines only for the glyphs used (see core/node/sparse-font).
  setFontReadMode('sparse');
  const args = parseCommandArgs(
    argv,
    {
      as: { type: 'string' },
      out: { type: 'string', short: 'o' },
      copies: { type: 'string' },
      start: { type: 'string' },
      digits: { type: 'string' },
      recipients: { type: 'string' },
      mark: { type: 'string' },
      'per-copy': { type: 'boolean' },
      'with-register': { type: 'boolean' },
      items: { type: 'string' },
      section: { type: 'string' },
      member: { type: 'string' },
      renumber: { type: 'boolean' },
      batch: { type: 'boolean' },
      zip: { type: 'boolean' },
      'two-up': { type: 'boolean' },
      sheet: { type: 'string' },
      creep: { type: 'string' },
      signature: { type: 'string' },
      binding: { type: 'string' },
      gutter: { type: 'string' },
      'item-start': { type: 'string' },
      pad: { type: 'string' },
      mode: { type: 'string' },
      watermark: { type: 'string' },
      internal: { type: 'boolean' },
      confidential: { type: 'string' },
      spare: { type: 'string' },
    },
    HELP,
  );
  if (typeof args === 'number') return args;
  const v = args.values;
  const dir = oneSessionDir(args.positionals, HELP);
  if (dir === 2) return dir;
  if (!v.as || !(EXPORT_KINDS as readonly string[]).includes(v.as)) {
    console.error(`${v.as ? `未知的类型：${v.as}` : '缺少 --as'}（可用：${EXPORT_KINDS.join('、')}）`);
    return 2;
  }
  if (!v.out) {
    console.error('缺少 --out（输出文件或文件夹）');
    return 2;
  }
  const out = v.out;
  let req: Omit<PrintInput, 'sessionId' | 'exportId'>;
  try {
    if (v.mark && !['footer', 'watermark', 'none'].includes(v.mark))
      throw new Error(`--mark 只能是 footer、watermark 或 none，收到：${v.mark}`);
    if (v.sheet && !['auto', 'A3', 'A4', 'A5'].includes(v.sheet))
      throw new Error(`--sheet 只能是 auto、A3、A4 或 A5，收到：${v.sheet}`);
    if (v.binding && !['single', 'duplex'].includes(v.binding))
      throw new Error(`--binding 只能是 single 或 duplex，收到：${v.binding}`);
    if (v['item-start'] && !['newPage', 'oddPage'].includes(v['item-start']))
      throw new Error(`--item-start 只能是 newPage 或 oddPage，收到：${v['item-start']}`);
    if (v.pad && !['1', '2', '4'].includes(v.pad)) throw new Error(`--pad 只能是 1、2 或 4，收到：${v.pad}`);
    if (v.mode && !['single', 'duplex', 'booklet'].includes(v.mode))
      throw new Error(`--mode 只能是 single、duplex 或 booklet，收到：${v.mode}`);
    // The contract's limits (core/contract/schemas.ts ExportPrintInputSchema), checked here for the message.
    const copies = num(v.copies, '--copies', 1, 5000);
    const startNumber = num(v.start, '--start', 1, 999999);
    const digits = num(v.digits, '--digits', 3, 6);
    const creepMm = num(v.creep, '--creep', 0, 5, false);
    const sheetsPerSignature = num(v.signature, '--signature', 1, 50);
    const sparePercent = num(v.spare, '--spare', 0, 50, false);
    const gutter = num(v.gutter, '--gutter', 0, 30, false);
    let recipients: string[] | 'roster' | undefined;
    if (v.recipients === 'roster') recipients = 'roster';
    else if (v.recipients) {
      const r = await readRecipientsFile(v.recipients);
      if (!r.ok) throw new Error(r.error.message);
      recipients = r.value;
    }
    const layout: NonNullable<PrintInput['layout']> = {};
    if (v.binding) layout.binding = v.binding as 'single' | 'duplex';
    if (gutter !== undefined) layout.gutter = gutter;
    if (v['item-start']) layout.itemStart = v['item-start'] as 'newPage' | 'oddPage';
    if (v.pad) layout.padToMultiple = Number(v.pad) as 1 | 2 | 4;
    const marks: NonNullable<PrintInput['marks']> = {};
    if (v.watermark !== undefined) marks.watermark = v.watermark;
    if (v.internal) marks.internal = true;
    if (v.confidential !== undefined) marks.confidentialityLine = v.confidential;
    const items = v.items
      ?.split(/[,，]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const selection = {
      ...(items?.length ? { items } : {}),
      ...(v.section ? { sectionId: v.section } : {}),
      ...(v.member ? { memberId: v.member } : {}),
    };
    req = {
      as: v.as as ExportKind,
      targetPath: path.resolve(out),
      ...(copies !== undefined ? { copies } : {}),
      ...(startNumber !== undefined ? { startNumber } : {}),
      ...(digits !== undefined ? { digits } : {}),
      ...(recipients ? { recipients } : {}),
      ...(v.mark ? { recipientMark: v.mark as 'none' | 'footer' | 'watermark' } : {}),
      ...(v['per-copy'] ? { perCopy: true } : {}),
      ...(v['with-register'] ? { withRegister: true } : {}),
      ...(Object.keys(selection).length ? { selection } : {}),
      ...(v.renumber ? { renumber: true } : {}),
      ...(v.batch ? { batch: true } : {}),
      ...(v.zip ? { zip: true } : {}),
      ...(v['two-up'] ? { twoUp: true } : {}),
      ...(v.sheet ? { sheet: v.sheet as 'auto' | 'A3' | 'A4' | 'A5' } : {}),
      ...(creepMm !== undefined ? { creepMm } : {}),
      ...(sheetsPerSignature !== undefined ? { sheetsPerSignature } : {}),
      ...(sparePercent !== undefined ? { sparePercent } : {}),
      ...(v.mode ? { printMode: v.mode as 'single' | 'duplex' | 'booklet' } : {}),
      ...(Object.keys(marks).length ? { marks } : {}),
      ...(Object.keys(layout).length ? { layout } : {}),
    };
  } catch (e) {
    console.error(`参数错误：${e instanceof Error ? e.message : e}`);
    return 2;
  }
  const ac = new AbortController();
  const onSig = () => ac.abort();
  process.once('SIGINT', onSig);
  const r = await withFolderClient(dir, { printer: true }, async (client, sessionId) => {
    const exportId = `cli-${Date.now().toString(36)}`;
    const off = client.on('export.progress', (p) => {
      if (p.exportId === exportId && p.state === 'running') process.stderr.write(`${p.message}\n`);
    });
    ac.signal.addEventListener('abort', () => void client.call('export.cancel', { exportId }), { once: true });
    try {
      return await client.call('export.print', { ...req, sessionId, exportId });
    } finally {
      off();
    }
  }).finally(() => process.off('SIGINT', onSig));
  const res = r.ok ? r.value : r;
  if (!res.ok) {
    console.error(`错误：${res.error.message}`);
    return 1;
  }
  const { files, report } = res.value;
  for (const w of report.warnings) console.error(`注意：${w}`);
  for (const f of files) console.log(`已写入 ${f.path ?? f.name}（${(f.size / 1024).toFixed(0)} KB）`);
  if (report.printSheet) console.log(printSheetLines(report.printSheet).slice(1).join('\n'));
  console.log(`完成：${files.length} 个文件，用时 ${(report.ms / 1000).toFixed(1)} 秒`);
  return 0;
}
