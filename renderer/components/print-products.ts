// What the 印刷与分发 dialog offers and how it words things: the products with a clerk's explanation,
// pasted-name parsing, sizes, and error wording. Pure (no React, no DOM) so it is unit-tested; it
// must never decide layout or imposition — that is the service's job.
import type { AppError } from '../../core/result';

export type ProductKind = 'print' | 'booklet' | 'copies' | 'register' | 'handouts' | 'screen' | 'phone' | 'printsheet';

export const PRODUCTS: { kind: ProductKind; label: string; short: string; explain: string }[] = [
  {
    kind: 'print',
    label: '印刷版',
    short: '整本汇编，双面或单面',
    explain: '送印刷厂或复印室的整本汇编 PDF：封面、目录和正文，页码与目录一致，可直接双面或单面印刷。',
  },
  {
    kind: 'booklet',
    label: '骑马订小册子',
    short: 'A3/A4 对折拼版，含爬移',
    explain: '按骑马订顺序拼好版的 PDF：每张纸正反面各放两页，直接双面打印、对折、在折缝处装订即可。',
  },
  {
    kind: 'copies',
    label: '编号本（份号）',
    short: 'N 份，每份六位份号 + 清退登记表',
    explain: '每份封面印有自己的份号（如 000001），可在每页标注领取人姓名；同时生成清退登记表，会后据此收回。',
  },
  {
    kind: 'register',
    label: '清退登记表',
    short: '只生成登记表',
    explain: '单独生成分发与清退登记表：份号、领取人、签收、退回日期四栏，按领取人顺序排列。',
  },
  {
    kind: 'handouts',
    label: '分发材料',
    short: '一篇、一个栏目或一位委员',
    explain: '把选中的材料单独做成可打印的 PDF，可保留汇编中的页码，也可从第 1 页重新编页；也可每篇一个文件打包下载。',
  },
  {
    kind: 'screen',
    label: '屏幕版',
    short: '电脑阅读，带书签和可点目录',
    explain: '单面、不插空白页，带书签，目录可点击跳转，适合发给委员在电脑上阅读。',
  },
  {
    kind: 'phone',
    label: '手机版',
    short: '小页面重排，适合手机',
    explain: '按手机屏幕的小页面重新排版，字号样式与印刷版一致，适合发到委员手机上阅读。',
  },
  {
    kind: 'printsheet',
    label: '印制单',
    short: '用纸张数、令数',
    explain: '给印刷厂的印制单：每份页数、空白页、每份用纸、总张数（含备用）和令数。',
  },
];

/**
 * What 印刷版 will do with blank pages, in words that match the output: only 每篇材料 = 另起奇数页
 * with duplex printing starts every item on a right-hand page with unnumbered blanks; 另起一页
 * starts each item on the next page, left or right, without blanks.
 */
export function printExplain(binding: 'single' | 'duplex', itemStart: 'newPage' | 'oddPage'): string {
  if (binding === 'single') return '单面印刷：每页版心位置相同，每篇另起一页，不插空白页，适合单面复印。';
  if (itemStart === 'oddPage')
    return '双面印刷：左右页边距对称交替；每篇从单页（右页）开始，必要时插入不编页码的空白页，总页数补足为偶数。';
  return '双面印刷：左右页边距对称交替；按会议信息中“每篇材料：另起一页”，每篇紧接着从下一页开始，可能从左页开始，不插空白页（只在末尾补足偶数页）。';
}

/** A download name that says which session it belongs to: "<会议名称>-汇编-编号本.pdf". */
export function sessionFileName(sessionName: string, fileName: string): string {
  const safe = sessionName
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 60)
    .replace(/[. ]+$/, '');
  return safe && !fileName.startsWith(safe) ? `${safe}-${fileName}` : fileName;
}

/** Names pasted by a clerk: one a line, or separated by 、，, ; ；; numbering ("1." "（2）") dropped. */
export function parseNames(text: string): string[] {
  return text
    .split(/[\r\n、，,;；\t]+/)
    .map((x) => x.replace(/^\s*[（(]?\d+[)）.．、]?\s*/, '').trim())
    .filter((x) => x.length > 0 && x.length <= 100);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The clerk-facing wording of an export error (the service words most of them already). */
export function errorWording(e: AppError): string {
  if (e.code === 'export.busy') return '同一种印刷品正在生成中，请等它完成，或先点“取消”。';
  if (e.code === 'export.unavailable') return '这个版本不能生成印刷品，请使用桌面版汇编。';
  if (e.code === 'export.no-recipients')
    return '委员名单是空的，无法按名单编号。请先在“委员名单”中导入名单，或改为粘贴名单。';
  if (e.code === 'transport.failed') return `${e.message}（文件没有生成，您的材料没有任何改动。）`;
  return e.message || '生成没有成功，请重试；您的材料没有任何改动。';
}
