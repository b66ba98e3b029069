// Numbered copies (份号): N copies of the dossier, each with its own zero-padded number on the
// cover, top-left of the text block at line 1, 3号 (GB/T 9704 7.2.1), and optionally the
// recipient's name on every page (a light footer or a faint diagonal watermark) so that a leaked
// copy can be traced. Numbers and names are stamped over the compiled dossier (compose.ts) instead
// of compiling N times: the layout is the same for every copy, and stamping 100 copies takes seconds.
// It never changes the dossier's pages themselves, and never gives two copies the same number.
import { baselineIn, blockLeft, geometry } from '../layout/geometry';
import type { LayoutSettings } from '../model/settings';
import { AppException } from '../result';
import { composePdf, FormLibrary, type OutputPage } from './compose';
import { padCount } from './padding';
import type { StampFontSource } from './pdfkit-render';
import { diagonalWatermark, renderStampPages, type StampPage, type StampText } from './stamps';

export interface CopySpec {
  /** The copy number as printed: "000012". */
  number: string;
  /** 领取人 / 单位, when known. */
  recipient?: string;
}

/** 12 → "000012" with 6 digits (local rules: 3–6). */
export function formatCopyNumber(n: number, digits = 6): string {
  if (!Number.isInteger(digits) || digits < 3 || digits > 6)
    throw new AppException({ code: 'print.copies.digits', message: `份号位数应为 3～6 位，收到：${digits}` });
  if (!Number.isInteger(n) || n < 1)
    throw new AppException({ code: 'print.copies.number', message: `份号应为正整数，收到：${n}` });
  const s = String(n).padStart(digits, '0');
  if (s.length > digits)
    throw new AppException({ code: 'print.copies.too-many', message: `份号 ${n} 超出 ${digits} 位` });
  return s;
}

export interface CopyPlanInput {
  /** How many copies; defaults to the number of recipients. */
  count?: number;
  /** First number (default 1). */
  start?: number;
  digits?: number;
  /** Recipients in order: copy k goes to recipients[k]. */
  recipients?: string[];
}

export function planCopies(input: CopyPlanInput): CopySpec[] {
  const recipients = (input.recipients ?? []).map((r) => r.trim());
  const count = input.count ?? recipients.length;
  if (!Number.isInteger(count) || count < 1)
    throw new AppException({
      code: 'print.copies.count',
      message: `份数应为正整数，收到：${input.count ?? 0}（未给出份数也没有领取人名单）`,
    });
  if (count > 99999) throw new AppException({ code: 'print.copies.count', message: `份数过多：${count}` });
  if (recipients.length > count)
    throw new AppException({
      code: 'print.copies.recipients',
      message: `领取人 ${recipients.length} 个，多于份数 ${count}`,
    });
  const start = input.start ?? 1;
  return Array.from({ length: count }, (_, i) => ({
    number: formatCopyNumber(start + i, input.digits ?? 6),
    recipient: recipients[i] || undefined,
  }));
}

export interface NumberingOptions {
  /** Layout of the dossier (where the cover's text block and line 1 are). */
  layout: LayoutSettings;
  /** The font the numbers and names are drawn in (the song/宋 face by default). */
  font: StampFontSource;
  /** How the recipient shows on every page: not at all, a light footer line, or a faint diagonal watermark. */
  recipientMark?: 'none' | 'footer' | 'watermark';
  /** Page (0-based) that carries the number: the cover. */
  coverPage?: number;
  /**
   * In a file with all copies, pad each copy to a multiple of this many pages so that every copy
   * starts on a fresh sheet when printed duplex (2) or as folded sheets (4).
   */
  padEachTo?: 1 | 2 | 4;
}

/** The stamp pages for one copy: [cover stamp, every-page stamp]. */
export function copyStampPages(
  copy: CopySpec,
  page: { width: number; height: number },
  opts: NumberingOptions,
): StampPage[] {
  const g = geometry(opts.layout);
  const size = 16; // 3号
  const coverPhysical = (opts.coverPage ?? 0) + 1;
  const cover: StampText = {
    text: copy.number,
    x: blockLeft(g, coverPhysical),
    baseline: baselineIn(g.top, g.pitch, size),
    size,
  };
  const every: StampText[] = [];
  const mark = opts.recipientMark ?? (copy.recipient ? 'footer' : 'none');
  if (mark === 'footer') {
    const who = copy.recipient ? `${copy.recipient}　` : '';
    // Below the page number (which sits 7 mm under the text block), 8 mm above the paper's edge.
    every.push({
      text: `${who}第 ${copy.number} 号`,
      x: page.width / 2,
      baseline: page.height - 28,
      size: 8,
      gray: 0.55,
      align: 'center',
    });
  } else if (mark === 'watermark') {
    // Twice, a quarter of the way in from each end of the diagonal: the centre stays free for the
    // dossier's own 草稿 / 送审稿 watermark, and a torn-off half of a page still carries the name.
    const text = `${copy.recipient ?? ''} ${copy.number}`.trim();
    const size = Math.min(28, (Math.hypot(page.width, page.height) * 0.3) / Math.max(1, [...text].length));
    for (const at of [0.25, 0.75]) every.push(diagonalWatermark(page, text, { opacity: 0.12, size, at }));
  }
  return [
    { ...page, texts: [cover] },
    { ...page, texts: every },
  ];
}

interface CopyStamp {
  lib: FormLibrary;
  hasEvery: boolean;
}

async function stampLibrary(
  copy: CopySpec,
  page: { width: number; height: number },
  opts: NumberingOptions,
): Promise<CopyStamp> {
  const pages = copyStampPages(copy, page, opts);
  return {
    lib: await FormLibrary.load(await renderStampPages(opts.font, pages), '份号印章'),
    hasEvery: pages[1].texts.length > 0,
  };
}

function* copyPages(
  lib: FormLibrary,
  { lib: stamp, hasEvery }: CopyStamp,
  opts: NumberingOptions,
  pad: number,
): Generator<OutputPage> {
  const cover = opts.coverPage ?? 0;
  for (let i = 0; i < lib.pageCount; i++) {
    const box = lib.boxes[i];
    const layers: OutputPage['layers'] = [{ lib, page: i, x: 0, y: 0 }];
    if (i === cover) layers.push({ lib: stamp, page: 0, x: 0, y: 0 });
    if (hasEvery) layers.push({ lib: stamp, page: 1, x: 0, y: 0 });
    yield { width: box.width, height: box.height, layers };
  }
  const last = lib.boxes[lib.pageCount - 1];
  for (let i = 0; i < pad; i++) yield { width: last.width, height: last.height, layers: [] };
}

function checkCopies(copies: CopySpec[]): void {
  const seen = new Set<string>();
  for (const c of copies) {
    if (seen.has(c.number))
      throw new AppException({ code: 'print.copies.duplicate', message: `份号重复：${c.number}` });
    seen.add(c.number);
  }
}

/**
 * Pages one combined file may hold: 16,600 pages were measured at ~430 MB RSS, so 50,000 stays
 * well inside a desktop's memory; beyond that one file per copy is the safe way.
 */
export const MAX_PAGES_PER_FILE = 50_000;

/** One PDF with every copy, one after the other (each padded to padEachTo pages). */
export async function numberedCopiesPdf(
  pdf: Uint8Array | FormLibrary,
  copies: CopySpec[],
  opts: NumberingOptions,
): Promise<Uint8Array> {
  checkCopies(copies);
  const lib = pdf instanceof FormLibrary ? pdf : await FormLibrary.load(pdf, '汇编 PDF');
  const total = (lib.pageCount + padCount(lib.pageCount, opts.padEachTo ?? 1)) * copies.length;
  if (total > MAX_PAGES_PER_FILE)
    throw new AppException({
      code: 'print.copies.too-large',
      message: `${copies.length} 份共 ${total} 页，超出单个文件上限 ${MAX_PAGES_PER_FILE} 页，请改为每份一个文件输出`,
    });
  const page = lib.boxes[opts.coverPage ?? 0];
  const stamps: CopyStamp[] = [];
  for (const c of copies) stamps.push(await stampLibrary(c, page, opts));
  const pad = padCount(lib.pageCount, opts.padEachTo ?? 1);
  function* all(): Generator<OutputPage> {
    for (let k = 0; k < copies.length; k++) yield* copyPages(lib, stamps[k], opts, pad);
  }
  return composePdf(all(), { title: `编号本（${copies.length} 份）` });
}

/** One PDF per copy, handed to `onCopy` as soon as it is made (so 100 files are never all in memory). */
export async function eachNumberedCopy(
  pdf: Uint8Array | FormLibrary,
  copies: CopySpec[],
  opts: NumberingOptions,
  onCopy: (copy: CopySpec, pdf: Uint8Array, index: number) => Promise<void> | void,
): Promise<void> {
  checkCopies(copies);
  const lib = pdf instanceof FormLibrary ? pdf : await FormLibrary.load(pdf, '汇编 PDF');
  const page = lib.boxes[opts.coverPage ?? 0];
  for (let k = 0; k < copies.length; k++) {
    const stamp = await stampLibrary(copies[k], page, opts);
    const bytes = await composePdf(copyPages(lib, stamp, opts, 0), { title: `第 ${copies[k].number} 号` });
    await onCopy(copies[k], bytes, k);
  }
}
