// Handlers for the roster: list, add, update, remove, import from Excel/CSV (with a column
// mapping and a preview), export to Excel, and sorting the members.
import { toAppError, err, ok, type Result } from '../../result';
import type { CallContext, Handlers } from '../../contract/client';
import type { FileInput } from '../../contract/schemas';
import type { Member } from '../../model/session';
import * as E from '../edits';
import { ROSTER_FIELD_LABELS } from '../roster-import';
import type { RosterMapping, RosterTableData } from '../ports';
import { unknownNotice, type ServiceDeps } from '../deps';
import { sessionFileName } from '../../print/file-names';

type RosterCalls = Extract<keyof Handlers, `roster.${string}`>;

export function rosterHandlers(deps: ServiceDeps): Pick<Handlers, RosterCalls> {
  const { ports, owner, sorter, rosterFiles, resolveFile, writeOut } = deps;

  async function readRoster(
    f: FileInput,
    ctx: CallContext,
  ): Promise<Result<{ table: RosterTableData; proposed: { mapping: RosterMapping; unmapped: string[] } }>> {
    const file = await resolveFile(f, ctx);
    if (!file.ok) return file;
    const t = await rosterFiles.read(file.value.bytes, file.value.name);
    if (!t.ok) return t;
    return ok({ table: t.value, proposed: rosterFiles.propose(t.value.headers) });
  }

  function sortMembersBy(
    members: readonly Member[],
    rule: 'stroke' | 'pinyin' | 'sector' | 'party' | 'rank',
  ): Result<{ members: Member[]; unknownChars: string[] }> {
    if (!sorter.sortMembers) return err('order.unavailable', '名单排序不可用（缺少笔画数据）');
    try {
      return ok(sorter.sortMembers(members, rule));
    } catch (e) {
      return { ok: false, error: toAppError(e, 'order.failed', '名单排序失败') };
    }
  }

  return {
    'roster.list': async (i) => owner.read(i.sessionId, (st) => ok(st.session.members)),
    'roster.add': async (i) => owner.edit(i, '添加委员', (s) => E.addMember(s, ports.ids.next('m'), i.member)),
    'roster.update': async (i) => owner.edit(i, '修改委员信息', (s) => E.updateMember(s, i.memberId, i.patch)),
    'roster.remove': async (i) =>
      owner.edit(i, '删除委员', (s) => E.removeMembers(s, i.memberIds), { snapshotBefore: 'before-change' }),
    'roster.import': async (i, ctx) => {
      const rd = await readRoster(i.file, ctx);
      if (!rd.ok) return rd;
      const { table, proposed } = rd.value;
      const mapping = i.mapping ?? proposed.mapping;
      const applied = rosterFiles.apply(table, mapping);
      if (!applied.ok) return applied;
      const { members: imported, memberRows, problems, duplicates } = applied.value;
      const importedRows = new Set(memberRows);
      const skipped = problems.filter((p) => !importedRows.has(p.row) && !/^重名/.test(p.message));
      let added = 0;
      let updated = 0;
      const view = await owner.edit(
        i,
        '导入委员名单',
        (s) => {
          // A name that matches exactly one member already on the roster updates that member (same
          // id, so submissions stay linked; empty cells keep the old value). Two rows with one name in
          // one file are two people until a clerk says otherwise.
          const prior = s.members;
          const taken = new Set<string>();
          const updatedById = new Map<string, Member>();
          const fresh: Member[] = [];
          const created: string[] = [];
          const inFile: Member[] = [];
          for (const imp of imported) {
            const same = prior.filter((m) => m.name === imp.name);
            const target = same.length === 1 && !taken.has(same[0].id) ? same[0] : undefined;
            const { id: _rowId, ...fields } = imp;
            void _rowId;
            if (target) {
              taken.add(target.id);
              const next: Member = { ...(updatedById.get(target.id) ?? target) };
              for (const [k, v] of Object.entries(fields) as [keyof Member, unknown][]) {
                if (v === '' || v === undefined) continue;
                if (k === 'standing' && mapping.standing === undefined) continue;
                (next as Record<string, unknown>)[k] = v;
              }
              updatedById.set(target.id, next);
              inFile.push(next);
              updated++;
            } else {
              const m: Member = { ...fields, id: ports.ids.next('m') } as Member;
              fresh.push(m);
              inFile.push(m);
              created.push(m.id);
              added++;
            }
          }
          const members = i.mode === 'replace' ? inFile : [...prior.map((m) => updatedById.get(m.id) ?? m), ...fresh];
          const keep = new Set(members.map((m) => m.id));
          const submissions =
            i.mode === 'replace'
              ? s.submissions.map((x) => ({ ...x, memberIds: x.memberIds.filter((m) => keep.has(m)) }))
              : s.submissions;
          return ok({ session: { ...s, members, submissions }, created });
        },
        { snapshotBefore: i.mode === 'replace' ? 'before-change' : 'before-import' },
      );
      if (!view.ok) return view;
      return ok({
        ...view.value,
        report: {
          added,
          updated,
          skipped,
          problems,
          duplicates,
          ...(table.encoding ? { encoding: table.encoding } : {}),
        },
      });
    },
    'roster.preview': async (i, ctx) => {
      const rd = await readRoster(i.file, ctx);
      if (!rd.ok) return rd;
      const { table, proposed } = rd.value;
      const mapping = i.mapping ?? proposed.mapping;
      const applied = mapping.name !== undefined ? rosterFiles.apply(table, mapping) : undefined;
      const problems = applied?.ok
        ? applied.value.problems
        : [
            {
              row: table.headerRow,
              message:
                applied && !applied.ok
                  ? applied.error.message
                  : `没有找到“姓名”列，请指定哪一列是姓名（表头：${table.headers.join('、')}）`,
            },
          ];
      return ok({
        file: table.file,
        format: table.format,
        ...(table.encoding ? { encoding: table.encoding } : {}),
        ...(table.sheet ? { sheet: table.sheet } : {}),
        headerRow: table.headerRow,
        headers: table.headers,
        mapping,
        unmapped: i.mapping ? table.headers.filter((_, k) => !Object.values(mapping).includes(k)) : proposed.unmapped,
        fieldLabels: { ...ROSTER_FIELD_LABELS },
        rowCount: table.rows.length,
        rows: table.rows.slice(0, i.maxRows),
        problems,
        duplicates: applied?.ok ? applied.value.duplicates : [],
        memberCount: applied?.ok ? applied.value.members.length : 0,
      });
    },
    'roster.export': async (i, ctx) => {
      if (!rosterFiles.exportXlsx) return err('roster.export-unavailable', '此版本无法导出 Excel 名单');
      const cur = await owner.read(i.sessionId, (st) => ok(st.session));
      if (!cur.ok) return cur;
      let members = cur.value.members;
      let unknownChars: string[] = [];
      if (i.rule !== 'roster') {
        const r = sortMembersBy(members, i.rule);
        if (!r.ok) return r;
        members = r.value.members;
        unknownChars = r.value.unknownChars;
      }
      let bytes: Uint8Array;
      try {
        bytes = await rosterFiles.exportXlsx(members);
      } catch (e) {
        return { ok: false, error: toAppError(e, 'roster.export-failed', '导出委员名单失败') };
      }
      const out = await ports.outputs.write(i.sessionId, sessionFileName(cur.value.name, '委员名单.xlsx'), bytes);
      if (!out.ok) return out;
      const w = await writeOut(out.value, i.sessionId, i.targetPath, ctx);
      return w.ok ? ok({ ...w.value, unknownChars }) : w;
    },
    'roster.sort': async (i) => {
      let unknownChars: string[] = [];
      const v = await owner.edit(
        i,
        '委员名单排序',
        (s) => {
          const r = sortMembersBy(s.members, i.rule);
          if (!r.ok) return r;
          unknownChars = r.value.unknownChars;
          return ok({ session: { ...s, members: r.value.members } });
        },
        { snapshotBefore: 'before-change' },
      );
      if (!v.ok) return v;
      const notices = [...(v.value.notices ?? []), ...unknownNotice(unknownChars)];
      return ok({ ...v.value, ...(notices.length ? { notices } : {}), unknownChars });
    },
  };
}
