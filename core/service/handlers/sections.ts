// Handlers for sections (create, rename, reorder, remove, move an item, sort), the session's
// settings (layout and cover metadata) and the list of fonts to choose from.
import { ok } from '../../result';
import { sessionMeta } from '../../model/session';
import type { Handlers } from '../../contract/client';
import * as E from '../edits';
import { unknownNotice, type ServiceDeps } from '../deps';

type SectionCalls = Extract<keyof Handlers, `sections.${string}` | `settings.${string}` | 'fonts.list'>;

export function sectionHandlers(deps: ServiceDeps): Pick<Handlers, SectionCalls> {
  const { ports, owner, sorter } = deps;

  return {
    'sections.create': async (i) =>
      owner.edit(i, '新建栏目', (s) => E.createSection(s, ports.ids.next('sec'), i.title, i.index)),
    'sections.rename': async (i) => owner.edit(i, '重命名栏目', (s) => E.renameSection(s, i.sectionId, i.title)),
    'sections.reorder': async (i) => owner.edit(i, '调整栏目顺序', (s) => E.reorderSections(s, i.sectionIds)),
    'sections.remove': async (i) =>
      owner.edit(i, '删除栏目', (s) => E.removeSection(s, i.sectionId, i.moveItemsTo), {
        snapshotBefore: 'before-change',
      }),
    'sections.moveItem': async (i) =>
      owner.edit(i, '移动材料', (s) => E.moveItem(s, i.submissionId, i.toSectionId, i.index)),
    'sections.sort': async (i) => {
      // Per call: the characters this sort had no stroke data for (no state shared between calls).
      let unknownChars: string[] = [];
      const v = await owner.edit(
        i,
        '排序',
        (s) => {
          const r = sorter.sort(s, i.sectionId, i.rule);
          if (!r.ok) return r;
          unknownChars = r.value.unknownChars;
          return E.setSectionOrder(s, i.sectionId, r.value.items, i.rule);
        },
        { snapshotBefore: 'before-change' },
      );
      if (!v.ok) return v;
      const notices = [...(v.value.notices ?? []), ...unknownNotice(unknownChars)];
      return ok({ ...v.value, ...(notices.length ? { notices } : {}), unknownChars });
    },
    'settings.get': async (i) =>
      owner.read(i.sessionId, (st) => {
        return ok({ layout: st.session.layout, meta: sessionMeta(st.session) });
      }),
    'settings.update': async (i) => owner.edit(i, '修改设置', (s) => E.updateSettings(s, i.layout, i.meta)),
    'fonts.list': async () => {
      const builtin = [
        { ref: { builtin: 'FandolFang' as const }, label: '仿宋（内置 Fandol 仿宋）' },
        { ref: { builtin: 'NotoSerifSC-Regular' as const }, label: '宋体（内置 思源宋体）' },
        { ref: { builtin: 'NotoSerifSC-Bold' as const }, label: '小标宋（内置 思源宋体 粗）' },
        { ref: { builtin: 'NotoSansSC-Regular' as const }, label: '黑体（内置 思源黑体）' },
        { ref: { builtin: 'LXGWWenKai' as const }, label: '楷体（内置 霞鹜文楷）' },
      ];
      let installed: { ref: { file: string; postscriptName: string; label: string }; label: string; family: string }[] =
        [];
      if (ports.fonts) {
        try {
          installed = (await ports.fonts.installed()).map((f) => ({
            ref: { file: f.file, postscriptName: f.postscriptName, label: f.fullName },
            label: f.fullName,
            family: f.family,
          }));
        } catch {
          // a font folder we can't read: offer the built-ins only
        }
      }
      return ok({ builtin, installed });
    },
  };
}
