// 统计 as a workbook a clerk forwards to the office: 概况 (totals, who is missing), 各栏目 (items,
// pages, words) and 未编排 — the same numbers the 统计 screen shows, pages only from a compile of
// the current revision (otherwise the sheet says why there are none). Pure: rows of cells; the
// xlsx itself is written by the RosterFiles port (exceljs lives in core/node).
import type { Stats } from '../contract/schemas';

export interface Sheet {
  name: string;
  /** First row is the header. */
  rows: (string | number)[][];
  widths?: number[];
}

export function statsSheets(sessionName: string, stats: Stats, at: Date): Sheet[] {
  const pages = (n?: number) => (n === undefined ? '' : n);
  const pageNote =
    stats.pagesStatus === 'current'
      ? ''
      : stats.pagesStatus === 'stale'
        ? '会议内容或设置在上次生成后有修改，页数需在“预览与生成”中重新生成后才能统计'
        : '尚未生成汇编，页数需在“预览与生成”中生成后才能统计';
  const summary: (string | number)[][] = [
    ['项目', '数值'],
    ['会议', sessionName],
    ['统计时间', at.toLocaleString('zh-CN', { hour12: false })],
    ['材料（篇）', stats.totals.items],
    ['页数', pageNote ? pageNote : pages(stats.totals.pages)],
    ['字数', stats.totals.words],
    ['应交（人）', stats.members.expected],
    ['已交（人）', stats.members.received],
    ['未交（人）', stats.members.missing.length],
    ['尚未提交', stats.members.missing.map((m) => m.name).join('、')],
    ['已收到未编排（篇）', stats.totals.unplaced],
  ];
  const sections: (string | number)[][] = [['栏目', '篇数', '页数', '字数']];
  for (const s of stats.sections) sections.push([s.title, s.items, pages(s.pages), s.words]);
  sections.push([
    '合计',
    stats.sections.reduce((a, s) => a + s.items, 0),
    pages(stats.totals.pages),
    stats.sections.reduce((a, s) => a + s.words, 0),
  ]);
  const unplaced: (string | number)[][] = [
    ['标题', '署名'],
    ...stats.unplacedItems.map((x) => [x.title, x.authorLine]),
  ];
  return [
    { name: '概况', rows: summary, widths: [20, 60] },
    { name: '各栏目', rows: sections, widths: [30, 8, 8, 10] },
    { name: '未编排', rows: unplaced, widths: [50, 30] },
  ];
}
