// Handlers for submissions: list (with words and pages), source file, details, preview, import
// of a batch, replacement by a new version, update and removal.
import type { Session, Submission } from '../../model/session';
import { err, ok, toAppError } from '../../result';
import type { Handlers } from '../../contract/client';
import { ErrorCodes } from '../../contract/errors';
import type { ImportReportEntry } from '../../contract/schemas';
import { placeImported, type Placed } from '../import-placement';
import { newSubmission, reportOf, withNewVersion, type NewVersion } from '../import-items';
import { intake, normalisedText, splitName } from '../../read/intake/intake';
import { rosterOf } from '../../read/intake/roster-match';
import * as E from '../edits';
import type { ImportedFile } from '../ports';
import { sha256Hex } from '../hash';
import { pdfImportNotes } from '../../read/pdf-import-notes';
import type { ServiceDeps } from '../deps';

// The bulk calls (updateMany, moveMany, trash…) live in ../submission-bulk.ts.
type SubmissionCalls = Exclude<
  Extract<keyof Handlers, `submissions.${string}`>,
  'submissions.updateMany' | 'submissions.moveMany' | `submissions.trash${string}`
>;

export function submissionHandlers(deps: ServiceDeps): Pick<Handlers, SubmissionCalls> {
  const { ports, owner, jobs, importer, sorter, now, resolveFile, getDoc, wordsOf } = deps;

  /**
   * Stores files and bodies of imported files and turns them into submissions through the one
   * intake step (core/read/intake): title, subtitle, label, byline, date, members, organisations,
   * kind, review reasons. A file whose text equals an existing item's is a new version of it.
   * `given` maps a file's report name to the name or path as given (its folders suggest the kind).
   */
  async function storeImported(
    sessionId: string,
    session: Session,
    files: ImportedFile[],
    bytesByName: Map<string, Uint8Array>,
    report: ImportReportEntry[],
    opts: { given?: Map<string, string>; existingText?: Map<string, string> } = {},
  ): Promise<{ subs: { sub: Submission; folders: string[] }[]; newVersions: NewVersion[] }> {
    const subs: { sub: Submission; folders: string[] }[] = [];
    const newVersions: NewVersion[] = [];
    const knownHashes = new Map(
      session.submissions.filter((s) => s.source.sha256).map((s) => [s.source.sha256!, s.id]),
    );
    const byText = opts.existingText ?? new Map<string, string>();
    const roster = rosterOf(session);
    for (const f of files) {
      const entry: ImportReportEntry = { name: f.name, ok: false, warnings: f.warnings };
      report.push(entry);
      if (!f.ok || !f.doc || !f.format) {
        entry.error = { code: f.error?.code ?? 'import.failed', message: f.error?.message ?? `无法读取 ${f.name}` };
        continue;
      }
      const bytes = bytesByName.get(f.name)!;
      const ext = f.format;
      const put = await ports.files.put(sessionId, bytes, ext);
      if (!put.ok) {
        entry.error = { code: put.error.code, message: put.error.message };
        continue;
      }
      const dup = knownHashes.get(put.value.sha256);
      if (dup) {
        entry.error = { code: 'import.duplicate', message: `${f.name} 与已导入的材料内容完全相同，已跳过` };
        entry.duplicateOf = dup;
        continue;
      }
      const bp = await ports.bodies.put(sessionId, put.value.sha256, f.doc);
      if (!bp.ok) {
        entry.error = { code: bp.error.code, message: bp.error.message };
        continue;
      }
      // PDF submissions: blank pages and a title taken from the file name are said at import.
      if (f.format === 'pdf')
        f.warnings.push(
          ...(await pdfImportNotes(bytes, f.name, {
            titleFromFileName: !f.doc.title,
            pageCount: f.doc.pdf?.pageCount,
          })),
        );
      const source: Submission['source'] = {
        file: put.value.file,
        format: f.format,
        sha256: put.value.sha256,
        originalName: splitName(f.name).fileName,
      };
      const text = normalisedText(f.doc);
      const sameText = text.length >= 20 ? byText.get(text) : undefined;
      if (sameText) {
        // Re-saved or reformatted, same words: a new version of that item, not a second item.
        const old = session.submissions.find((x) => x.id === sameText);
        newVersions.push({ submissionId: sameText, source });
        knownHashes.set(put.value.sha256, sameText);
        Object.assign(entry, {
          ok: true,
          submissionId: sameText,
          newVersionOf: sameText,
          title: old?.title,
          authorLine: old?.authorLine,
        });
        entry.warnings = [
          ...entry.warnings,
          {
            code: 'import.new-version',
            message: `${f.name} 的内容与已有材料“${old?.title ?? sameText}”相同（文件不同），已作为它的新版本`,
          },
        ];
        continue;
      }
      const given = opts.given?.get(f.name) ?? f.name;
      const fields = intake({ doc: f.doc, name: given }, session, roster);
      const sub = newSubmission(fields, ports.ids.next('sub'), source, now().toISOString());
      knownHashes.set(put.value.sha256, sub.id);
      if (text.length >= 20) byText.set(text, sub.id);
      Object.assign(entry, reportOf(sub, fields));
      subs.push({ sub, folders: splitName(given).folders });
    }
    return { subs, newVersions };
  }

  return {
    'submissions.list': async (i) => {
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      const { session, revision } = cur.value;
      const where = new Map<string, string>();
      for (const sec of session.sections) for (const id of sec.items) where.set(id, sec.id);
      // Pages only from a compile of this very revision: never an older count shown as current.
      const job = jobs.lastDoneOf(i.sessionId);
      const pages = new Map(
        job && job.revision === revision && job.result
          ? job.result.items.map((x) => [x.submissionId, x.pageCount] as const)
          : [],
      );
      const out = [];
      for (const s of session.submissions) {
        const p = pages.get(s.id);
        out.push({
          ...s,
          ...(where.has(s.id) ? { sectionId: where.get(s.id) } : {}),
          words: await wordsOf(i.sessionId, s),
          ...(p !== undefined ? { pages: p } : {}),
        });
      }
      return ok(out);
    },
    'submissions.source': async (i) => {
      const cur = await owner.read(i.sessionId, (st) =>
        ok(st.session.submissions.find((x) => x.id === i.submissionId)),
      );
      if (!cur.ok) return cur;
      const sub = cur.value;
      if (!sub) return err(ErrorCodes.notFound, `找不到材料：${i.submissionId}`);
      const bytes = await ports.files.get(i.sessionId, sub.source.file);
      if (!bytes.ok)
        return err(
          'file.not-found',
          `材料《${sub.title}》的原文件已找不到（${sub.source.originalName ?? sub.source.file}），请用“替换新版本”重新导入`,
          { file: sub.source.file },
        );
      const ext = (sub.source.file.split('.').pop() ?? sub.source.format).toLowerCase();
      const given = sub.source.originalName ?? `${sub.title}.${ext}`;
      // A served name: no folders, no characters Windows refuses, the stored extension kept.
      const base =
        given
          .replace(/^.*[\\/]/, '')
          .replace(/[\u0000-\u001f<>:"|?*]/g, '_')
          .slice(-80) || `source.${ext}`;
      const name = `原件-${sub.id}-${/\.[a-z0-9]{1,6}$/i.test(base) ? base : `${base}.${ext}`}`;
      const w = await ports.outputs.write(i.sessionId, name, bytes.value);
      if (!w.ok) return w;
      return ok({ ...w.value, format: sub.source.format, originalName: given });
    },
    'submissions.get': async (i) =>
      owner.read(i.sessionId, (st) => {
        const s = st.session.submissions.find((x) => x.id === i.submissionId);
        if (!s) return err(ErrorCodes.notFound, `找不到材料：${i.submissionId}`);
        const sec = st.session.sections.find((x) => x.items.includes(s.id));
        return ok({ ...s, ...(sec ? { sectionId: sec.id } : {}) });
      }),
    'submissions.preview': async (i) => {
      const s = await owner.read(i.sessionId, (st) => {
        const x = st.session.submissions.find((y) => y.id === i.submissionId);
        return x ? ok(x) : err(ErrorCodes.notFound, `找不到材料：${i.submissionId}`);
      });
      if (!s.ok) return s;
      return getDoc(i.sessionId, s.value);
    },
    'submissions.import': async (i, ctx) => {
      const cur = await owner.read(i.sessionId, (st) => {
        const c = owner.checkRevision(st, i.revision);
        return c.ok ? ok(st.session) : c;
      });
      if (!cur.ok) return cur;
      const report: ImportReportEntry[] = [];
      const inputs: { name: string; bytes: Uint8Array }[] = [];
      const bytesByName = new Map<string, Uint8Array>();
      // The name or path as given: its folders ("书面发言/张三.docx") suggest the kind and the section.
      const given = new Map<string, string>();
      for (const f of i.files) {
        const r = await resolveFile(f, ctx);
        const fname = 'name' in f && f.name ? f.name : 'path' in f ? f.path : '?';
        if (!r.ok) {
          report.push({
            name: fname,
            ok: false,
            error: { code: r.error.code, message: r.error.message },
            warnings: [],
          });
          continue;
        }
        // Two files with one name in a batch: keep both, make the second name unique for the report.
        let name = r.value.name;
        for (let n = 2; bytesByName.has(name); n++) name = r.value.name.replace(/(\.[^.]*)?$/, `（${n}）$1`);
        bytesByName.set(name, r.value.bytes);
        given.set(name, 'path' in f ? f.path : f.name);
        const hash = await sha256Hex(r.value.bytes);
        const dup = cur.value.submissions.find((x) => x.source.sha256 === hash);
        if (dup) {
          report.push({
            name,
            ok: false,
            error: { code: 'import.duplicate', message: `${name} 与已导入的材料“${dup.title}”内容完全相同，已跳过` },
            duplicateOf: dup.id,
            warnings: [],
          });
          continue;
        }
        inputs.push({ name, bytes: r.value.bytes });
      }
      let imported: ImportedFile[];
      try {
        imported = await importer.importFiles(inputs, cur.value);
      } catch (e) {
        return { ok: false, error: toAppError(e, 'import.failed', '导入失败') };
      }
      // Existing items' words, so a re-saved file becomes a new version instead of a second item.
      const existingText = new Map<string, string>();
      if (imported.some((x) => x.ok))
        for (const sub of cur.value.submissions) {
          const d = await getDoc(i.sessionId, sub);
          const t = d.ok ? normalisedText(d.value) : '';
          if (t.length >= 20) existingText.set(t, sub.id);
        }
      const { subs, newVersions } = await storeImported(i.sessionId, cur.value, imported, bytesByName, report, {
        given,
        existingText,
      });
      // The report follows the order the clerk gave the files in.
      const order = [...bytesByName.keys()];
      report.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
      if (!subs.length && !newVersions.length) {
        const v = await owner.read(i.sessionId, (st) => ok(owner.view(st)));
        return v.ok ? ok({ ...v.value, report }) : v;
      }
      // Reading a batch can take a while; other windows may have edited meantime. Adding items
      // commutes with any edit, so it lands on the current state instead of failing as stale and
      // throwing the clerk's import away (the revision was checked when the import started).
      let placed: Placed[] = [];
      const what = [
        subs.length ? `导入 ${subs.length} 份材料` : '',
        newVersions.length ? `${newVersions.length} 份新版本` : '',
      ]
        .filter(Boolean)
        .join('，');
      const v = await owner.edit(
        { sessionId: i.sessionId, revision: undefined },
        what,
        (s) => {
          const stamp = now().toISOString();
          const bump = (x: Submission) => withNewVersion(x, newVersions, stamp);
          const base = newVersions.length ? { ...s, submissions: s.submissions.map(bump) } : s;
          const chosen = i.sectionId && s.sections.some((x) => x.id === i.sectionId) ? i.sectionId : undefined;
          const r = placeImported(
            base,
            subs.map((x) => ({ ...x, sub: bump(x.sub) })),
            sorter,
            chosen,
          );
          if (r.ok) placed = r.value.placed;
          return r;
        },
        { snapshotBefore: 'before-import' },
      );
      for (const p of placed) {
        const e = report.find((x) => x.submissionId === p.submissionId && !x.newVersionOf);
        if (e && p.sectionId) Object.assign(e, { sectionId: p.sectionId, sectionTitle: p.sectionTitle });
      }
      return v.ok ? ok({ ...v.value, report }) : v;
    },
    'submissions.replace': async (i, ctx) => {
      const f = await resolveFile(i.file, ctx);
      if (!f.ok) return f;
      const cur = await owner.read(i.sessionId, (st) => {
        const c = owner.checkRevision(st, i.revision);
        if (!c.ok) return c;
        const s = st.session.submissions.find((x) => x.id === i.submissionId);
        return s ? ok({ session: st.session, sub: s }) : err(ErrorCodes.notFound, `找不到材料：${i.submissionId}`);
      });
      if (!cur.ok) return cur;
      const [r] = await importer.importFiles([f.value], cur.value.session);
      const report: ImportReportEntry[] = [];
      const old = cur.value.sub;
      // A replacement is not a duplicate of the item it replaces.
      const without = {
        ...cur.value.session,
        submissions: cur.value.session.submissions.filter((x) => x.id !== old.id),
      };
      const sub = (await storeImported(i.sessionId, without, [r], new Map([[f.value.name, f.value.bytes]]), report))
        .subs[0]?.sub;
      if (!sub)
        return err(report[0]?.error?.code ?? 'import.failed', report[0]?.error?.message ?? `无法读取 ${f.value.name}`, {
          file: f.value.name,
        });
      const v = await owner.edit(i, '替换材料新版本', (s) => {
        // Built from the submission as it is now, so nothing edited meanwhile is overwritten.
        const curSub = s.submissions.find((x) => x.id === old.id);
        if (!curSub) return err(ErrorCodes.notFound, `找不到材料：${old.id}`);
        const next: Submission = {
          ...curSub,
          source: sub.source,
          versions: [
            ...curSub.versions,
            {
              file: curSub.source.file,
              format: curSub.source.format,
              ...(curSub.source.sha256 ? { sha256: curSub.source.sha256 } : {}),
              replacedAt: now().toISOString(),
            },
          ],
          receivedAt: now().toISOString(),
        };
        return E.replaceSubmission(s, old.id, next);
      });
      return v.ok ? ok({ ...v.value, report: { ...report[0], submissionId: old.id } }) : v;
    },
    'submissions.update': async (i) =>
      owner.edit(i, '修改材料信息', (s) => E.updateSubmission(s, i.submissionId, i.patch)),
    'submissions.remove': async (i) =>
      owner.edit(i, '删除材料', (s) => E.removeSubmissions(s, i.submissionIds), { snapshotBefore: 'before-change' }),
  };
}
