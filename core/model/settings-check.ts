// Checks of LayoutSettings beyond their types (issue 13, point 6): the text block and the page
// number fit the paper, the lines fit the block at the body size and pitch, the characters of a
// line fit its width. Each problem names its LayoutSettings key ('layout.marginTop') and says, in
// Chinese, what is wrong and what value would work, so a form can show it at the field. Errors
// are refused by settings.update; the same list feeds the compile preflight (印前检查) for
// sessions saved before these checks existed. Pure.
import { MM, type LayoutSettings } from './settings';

export interface LayoutProblem {
  /** 'layout.<key>' of LayoutSettings. */
  field: string;
  message: string;
  /** error: the layout cannot be printed as set; warning: it can, but probably not as meant. */
  level: 'error' | 'warning';
}

const f1 = (n: number) => (Math.round(n * 10) / 10).toString();
const PT_TO_MM = 25.4 / 72;
/** Rounding slack, pt: settings typed in mm and pt never match to the last digit. */
const SLACK = 0.5;
/** How far glyphs may be pushed together, as a share of the body size. */
const SQUEEZE = 0.05;

type L = Pick<
  LayoutSettings,
  | 'pageWidth'
  | 'pageHeight'
  | 'marginTop'
  | 'marginInner'
  | 'blockWidth'
  | 'blockHeight'
  | 'linesPerPage'
  | 'charsPerLine'
  | 'linePitchPt'
  | 'bodySize'
  | 'titleSize'
  | 'pageNumberSize'
  | 'pageNumberOffset'
  | 'gutter'
>;

export function checkLayout(l: L): LayoutProblem[] {
  const out: LayoutProblem[] = [];
  const error = (key: string, message: string) => out.push({ field: `layout.${key}`, message, level: 'error' });
  const warning = (key: string, message: string) => out.push({ field: `layout.${key}`, message, level: 'warning' });

  // Sane ranges first: the rest only makes sense within them.
  const ranges: [keyof L, number, number, string, string][] = [
    ['pageWidth', 50, 1200, '纸张宽度', 'mm'],
    ['pageHeight', 50, 1200, '纸张高度', 'mm'],
    ['bodySize', 5, 72, '正文字号', '磅'],
    ['titleSize', 5, 96, '标题字号', '磅'],
    ['pageNumberSize', 5, 36, '页码字号', '磅'],
    ['linesPerPage', 1, 100, '每页行数', '行'],
    ['charsPerLine', 1, 100, '每行字数', '字'],
  ];
  for (const [key, lo, hi, name, unit] of ranges) {
    const v = l[key] as number;
    if (!(v >= lo && v <= hi)) error(key, `${name}为 ${f1(v)} ${unit}，应在 ${lo}–${hi} ${unit}之间`);
  }
  if (out.length) return out;

  // The text block fits the paper.
  if (l.blockHeight > l.pageHeight)
    error('blockHeight', `版心高 ${f1(l.blockHeight)} mm 超过纸张高度 ${f1(l.pageHeight)} mm`);
  else if (l.marginTop + l.blockHeight > l.pageHeight)
    error(
      'marginTop',
      `天头 ${f1(l.marginTop)} mm 加版心高 ${f1(l.blockHeight)} mm 共 ${f1(l.marginTop + l.blockHeight)} mm，超过纸张高度 ${f1(l.pageHeight)} mm；天头最多 ${f1(l.pageHeight - l.blockHeight)} mm`,
    );
  const gutter = l.gutter ?? 0;
  if (l.blockWidth > l.pageWidth)
    error('blockWidth', `版心宽 ${f1(l.blockWidth)} mm 超过纸张宽度 ${f1(l.pageWidth)} mm`);
  else if (l.marginInner + l.blockWidth > l.pageWidth)
    error(
      'marginInner',
      `订口 ${f1(l.marginInner)} mm 加版心宽 ${f1(l.blockWidth)} mm 共 ${f1(l.marginInner + l.blockWidth)} mm，超过纸张宽度 ${f1(l.pageWidth)} mm；订口最多 ${f1(l.pageWidth - l.blockWidth)} mm`,
    );
  else if (gutter > 0 && l.marginInner + gutter + l.blockWidth > l.pageWidth)
    warning(
      'gutter',
      `装订线 ${f1(gutter)} mm 放不下（订口与版心已占 ${f1(l.marginInner + l.blockWidth)} mm），只能让出 ${f1(l.pageWidth - l.marginInner - l.blockWidth)} mm`,
    );
  const numberBottom = l.marginTop + l.blockHeight + l.pageNumberOffset + l.pageNumberSize * PT_TO_MM;
  if (l.marginTop + l.blockHeight <= l.pageHeight && numberBottom > l.pageHeight)
    warning(
      'pageNumberOffset',
      `页码在版心下 ${f1(l.pageNumberOffset)} mm 处，会落到纸张以外（需要 ${f1(numberBottom)} mm，纸张高 ${f1(l.pageHeight)} mm）`,
    );

  // Lines fit the block at the body size.
  const blockH = l.blockHeight * MM;
  const pitch = l.linePitchPt ?? blockH / l.linesPerPage;
  const maxLines = Math.floor((blockH + SLACK) / Math.max(l.linePitchPt ?? l.bodySize, 0.01));
  if (l.linePitchPt !== undefined && l.linesPerPage * l.linePitchPt > blockH + SLACK)
    error(
      'linesPerPage',
      `每页 ${l.linesPerPage} 行 × 行距 ${f1(l.linePitchPt)} 磅 = ${f1(l.linesPerPage * l.linePitchPt * PT_TO_MM)} mm，超过版心高 ${f1(l.blockHeight)} mm；每页最多 ${maxLines} 行`,
    );
  if (pitch + SLACK < l.bodySize)
    error(
      l.linePitchPt !== undefined ? 'linePitchPt' : 'linesPerPage',
      `行距 ${f1(pitch)} 磅小于正文字号 ${f1(l.bodySize)} 磅，各行文字会重叠；${l.linePitchPt !== undefined ? `行距至少 ${f1(l.bodySize)} 磅` : `版心高 ${f1(l.blockHeight)} mm 在 ${f1(l.bodySize)} 磅时每页最多 ${maxLines} 行`}`,
    );

  // Characters of a line fit the block width. The default grid (28 × 16 pt in 156 mm) already
  // squeezes glyphs by 0.2 pt; up to SQUEEZE of the body size a CJK glyph's side bearings absorb.
  const blockW = l.blockWidth * MM;
  const n = l.charsPerLine;
  const s = l.bodySize;
  const tracking = n > 1 ? (blockW - n * s) / (n - 1) : blockW - s;
  if (tracking < -SQUEEZE * s - 1e-9) {
    const maxChars = Math.max(1, Math.floor((blockW - SQUEEZE * s) / ((1 - SQUEEZE) * s)));
    const maxSize = blockW / (n - SQUEEZE * (n - 1));
    error(
      'charsPerLine',
      `每行 ${n} 字 × ${f1(s)} 磅 = ${f1(n * s * PT_TO_MM)} mm，超过版心宽 ${f1(l.blockWidth)} mm；正文 ${f1(s)} 磅时每行最多 ${maxChars} 字，或把正文字号减到 ${f1(Math.floor(maxSize * 10) / 10)} 磅`,
    );
  } else if (n > 1 && tracking > s)
    warning(
      'charsPerLine',
      `每行只有 ${n} 字，字间空隙比字还宽（${f1(tracking)} 磅）；正文 ${f1(s)} 磅时每行可排 ${Math.floor(blockW / s)} 字`,
    );
  if (l.titleSize > blockW)
    error('titleSize', `标题字号 ${f1(l.titleSize)} 磅，一个字就比版心宽 ${f1(l.blockWidth)} mm 还宽`);
  return out;
}

/** The errors only (what settings.update refuses). */
export const layoutErrors = (l: L) => checkLayout(l).filter((p) => p.level === 'error');

/** One sentence for a refused update: every error, field by field. */
export function layoutErrorMessage(problems: LayoutProblem[]): string {
  return `版式设置有误，未保存：${problems.map((p) => p.message).join('；')}`;
}

/**
 * The errors an edit would introduce: on a field the edit changed, or one that was fine before.
 * A session saved before these checks can still be fixed one field at a time.
 */
export function newLayoutErrors(before: L, after: L, changedKeys: string[]): LayoutProblem[] {
  const old = new Set(layoutErrors(before).map((p) => p.field));
  const changed = new Set(changedKeys.map((k) => `layout.${k}`));
  return layoutErrors(after).filter((p) => changed.has(p.field) || !old.has(p.field));
}

const FIELD_LABELS: Record<string, string> = {
  'layout.pageWidth': '纸张宽度',
  'layout.pageHeight': '纸张高度',
  'layout.marginTop': '天头',
  'layout.marginInner': '订口',
  'layout.blockWidth': '版心宽',
  'layout.blockHeight': '版心高',
  'layout.linesPerPage': '每页行数',
  'layout.charsPerLine': '每行字数',
  'layout.linePitchPt': '行距',
  'layout.bodySize': '正文字号',
  'layout.titleSize': '标题字号',
  'layout.pageNumberSize': '页码字号',
  'layout.pageNumberOffset': '页码位置',
  'layout.gutter': '装订线',
};

/** Layout problems as compile preflight warnings (印前检查), each naming the setting. */
export function layoutWarnings(session: { layout: L }): { code: string; message: string }[] {
  return checkLayout(session.layout).map((p) => ({
    code: p.level === 'error' ? 'layout.invalid' : 'layout.questionable',
    message: `版式设置（会议信息 → ${FIELD_LABELS[p.field] ?? p.field}）：${p.message}`,
  }));
}
