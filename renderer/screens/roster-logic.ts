// 委员名单, the logic behind the import dialog: which field a column is mapped to, moving a field
// to another column, the problems worth listing, who an import added and why, encoding names.
// Pure: no React, tested without a browser.
import type { Member } from '../../core/model/session';
import type { FileInput, RosterMapping, RosterPreview } from '../../core/contract';
import { memberLabels } from '../state/member-order';

export interface Mapping {
  fileName: string;
  file: FileInput;
  preview: RosterPreview;
  mapping: RosterMapping;
}

/** The field a column is mapped to ('' = 不导入). */
export function fieldOfColumn(mapping: RosterMapping, col: number): string {
  return Object.entries(mapping).find(([, c]) => c === col)?.[0] ?? '';
}

/** Maps a column to a field (or to nothing); a field sits on one column at most. */
export function setColumnField(mapping: RosterMapping, col: number, field: string): RosterMapping {
  const next: Record<string, number | undefined> = {};
  for (const [k, c] of Object.entries(mapping)) if (c !== undefined && c !== col && k !== field) next[k] = c;
  if (field) next[field] = col;
  return next as RosterMapping;
}

/** Problems other than 重名 (those have their own notice above; one warning, not two). */
export function otherProblems(p: RosterPreview): RosterPreview['problems'] {
  return p.problems.filter((x) => !x.message.startsWith('重名'));
}

export interface AddedMember {
  id: string;
  label: string;
  why: string;
  namesake: boolean;
}

/** Who an import added, and why each became a new member rather than an update. */
export function addedMembers(
  before: readonly Member[],
  after: readonly Member[],
  mode: 'merge' | 'replace',
): AddedMember[] {
  const had = new Set(before.map((m) => m.id));
  const labels = memberLabels(after);
  return after
    .filter((m) => !had.has(m.id))
    .map((m) => {
      const same = before.filter((b) => b.name === m.name);
      const why =
        mode === 'replace'
          ? '替换名单后按新名单导入'
          : same.length === 0
            ? '原名单中没有这个姓名'
            : same.length === 1
              ? `原名单已有一位${m.name}（${[same[0].sector, same[0].unit].filter(Boolean).join('，') || '无界别'}），但表格中这个姓名出现在多行，多出的一行作为新委员加入，请核对是否为同一人`
              : `原名单已有 ${same.length} 位${m.name}，无法确定应更新哪一位，作为新委员加入，请核对`;
      return { id: m.id, label: labels.get(m.id) ?? m.name, why, namesake: same.length > 0 };
    });
}

export const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  gb18030: 'GBK（中文 Windows）',
  gbk: 'GBK（中文 Windows）',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
};
