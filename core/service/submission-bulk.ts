// The clerk's bulk actions on submissions (move, change kind / review state, delete to the trash,
// restore) and the kept import report, as contract handlers. service.ts merges `submissionBulk(…)`
// into its handler map and lets `keepImportReports` wrap the import handler, so the last import
// report of a session is written beside it (outputs/import-report.json) and survives a reload.
import type { CallContext, Handlers } from '../contract/client';
import { ImportRecordSchema, type ImportRecord } from '../contract/bulk-schemas';
import { ok } from '../result';
import { moveMany, restoreMany, trashMany, updateMany } from './bulk-edits';
import type { Ports, Sorter } from './ports';
import type { SessionOwner } from './session-owner';

export const BULK_CALLS = [
  'submissions.updateMany',
  'submissions.moveMany',
  'submissions.trash',
  'submissions.trash.list',
  'submissions.trash.restore',
  'imports.last',
] as const;
export type BulkCall = (typeof BULK_CALLS)[number];

/** Where the last import report of a session is kept (in its outputs folder). */
export const IMPORT_RECORD_NAME = 'import-report.json';

export interface BulkDeps {
  ports: Pick<Ports, 'outputs' | 'clock'>;
  owner: SessionOwner;
  sorter?: Sorter;
}

const n = (ids: readonly string[]) => new Set(ids).size;

export function submissionBulk({ ports, owner, sorter }: BulkDeps): Pick<Handlers, BulkCall> {
  return {
    'submissions.updateMany': async (i) => {
      const what = i.patch.kind ? '修改类别' : i.patch.status === 'ok' ? '标记为已核对' : '修改材料信息';
      return owner.edit(i, `${what}（${n(i.submissionIds)} 份）`, (s) => updateMany(s, i.submissionIds, i.patch));
    },
    'submissions.moveMany': async (i) => {
      const dest = i.toSectionId ? undefined : '未编排';
      return owner.edit(i, `移动 ${n(i.submissionIds)} 份材料${dest ? `到${dest}` : ''}`, (s) =>
        moveMany(s, i.submissionIds, i.toSectionId, i.index, (next, sec) => {
          const r = sorter?.sort(next, sec.id, sec.sortRule);
          return r?.ok ? r.value.items : undefined;
        }),
      );
    },
    'submissions.trash': async (i) =>
      owner.edit(
        i,
        `删除 ${n(i.submissionIds)} 份材料（可从回收站恢复）`,
        (s) => trashMany(s, i.submissionIds, ports.clock.now().toISOString()),
        { snapshotBefore: 'before-change' },
      ),
    'submissions.trash.list': async (i) =>
      owner.read(i.sessionId, (st) => {
        const titles = new Map(st.session.sections.map((x) => [x.id, x.title]));
        return ok(
          (st.session.trash ?? []).map((t) => ({
            submissionId: t.submission.id,
            title: t.submission.title,
            authorLine: t.submission.authorLine,
            kind: t.submission.kind,
            ...(t.sectionId && titles.has(t.sectionId)
              ? { sectionId: t.sectionId, sectionTitle: titles.get(t.sectionId)! }
              : {}),
            deletedAt: t.deletedAt,
          })),
        );
      }),
    'submissions.trash.restore': async (i) => {
      let unplaced: string[] = [];
      const v = await owner.edit(i, `恢复 ${n(i.submissionIds)} 份材料`, (s) => {
        const r = restoreMany(s, i.submissionIds);
        if (r.ok) unplaced = r.value.unplaced;
        return r;
      });
      if (!v.ok || !unplaced.length) return v;
      const notice = {
        code: 'trash.section-gone',
        message: `原栏目已删除，以下材料恢复到“未编排”：${unplaced.join('、')}`,
      };
      return ok({ ...v.value, notices: [...(v.value.notices ?? []), notice] });
    },
    'imports.last': async (i) => {
      const open = await owner.read(i.sessionId, () => ok(true));
      if (!open.ok) return open;
      const r = await ports.outputs.read(i.sessionId, IMPORT_RECORD_NAME);
      if (!r.ok) return ok(null);
      try {
        const parsed = ImportRecordSchema.safeParse(JSON.parse(new TextDecoder().decode(r.value)));
        return parsed.success ? ok(parsed.data) : ok(null);
      } catch {
        return ok(null);
      }
    },
  };
}

/**
 * Wraps the import handler so that every batch's report is kept (the import itself never fails
 * because the report could not be written: the clerk still gets it in the answer).
 */
export function keepImportReports(h: Handlers, ports: Pick<Ports, 'outputs' | 'clock'>): void {
  const inner = h['submissions.import'];
  h['submissions.import'] = async (i, ctx: CallContext) => {
    const r = await inner(i, ctx);
    if (r.ok) {
      // Calls of one batch (the app imports one file per call) add up to one report.
      let entries = r.value.report;
      if (i.batch) {
        const prev = await ports.outputs.read(i.sessionId, IMPORT_RECORD_NAME);
        let old: ImportRecord | undefined;
        try {
          const p = prev.ok
            ? ImportRecordSchema.safeParse(JSON.parse(new TextDecoder().decode(prev.value)))
            : undefined;
          old = p?.success ? p.data : undefined;
        } catch {
          old = undefined; // a damaged record is replaced by this batch's
        }
        if (old?.batch === i.batch) entries = [...old.entries, ...entries];
      }
      const record: ImportRecord = {
        at: ports.clock.now().toISOString(),
        ...(i.batch ? { batch: i.batch } : {}),
        entries,
      };
      await ports.outputs.write(i.sessionId, IMPORT_RECORD_NAME, new TextEncoder().encode(JSON.stringify(record)));
    }
    return r;
  };
}
