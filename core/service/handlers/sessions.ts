// Handlers for sessions, snapshots and bundles: create (blank, sample, copy of settings), open,
// close, rename, duplicate, trash, snapshots, and the one-file bundle export/import.
import { SCHEMA_VERSION, SessionSchema, type Session, type Submission } from '../../model/session';
import { defaultLayoutSettings } from '../../model/settings';
import { err, ok } from '../../result';
import type { Handlers } from '../../contract/client';
import type { SessionSummary } from '../../contract/schemas';
import { ErrorCodes } from '../../contract/errors';
import { bundleFileName, decodeBundle } from '../bundle';
import { buildBundle } from '../bundle-export';
import { BUNDLE_MAX_BYTES } from '../bundle-limits';
import { layoutErrorMessage, layoutErrors } from '../../model/settings-check';
import * as E from '../edits';
import { bodyKey, todayIso, type ServiceDeps } from '../deps';
import { resumePortal } from '../portal-handlers';

type SessionCalls = Extract<
  keyof Handlers,
  'app.info' | `sessions.${string}` | `snapshots.${string}` | `bundle.${string}`
>;

export function sessionHandlers(deps: ServiceDeps): Pick<Handlers, SessionCalls> {
  const { ports, owner, warmup, now, resolveFile, getDoc, writeOut } = deps;

  /** The session list's line for a session just made (duplicate, bundle import). */
  const summaryOf = (id: string, session: Session): SessionSummary => ({
    id,
    name: session.name,
    theme: session.theme,
    date: session.date,
    submissionCount: session.submissions.length,
    memberCount: session.members.length,
    updatedAt: now().toISOString(),
  });

  function blankSession(id: string, name: string, date: string | undefined, theme: string | undefined): Session {
    const base = SessionSchema.parse({
      schemaVersion: SCHEMA_VERSION,
      id,
      name,
      theme: theme ?? '',
      date: date ?? todayIso(now()),
      layout: defaultLayoutSettings(),
    });
    return {
      ...base,
      sections: [
        { id: ports.ids.next('sec'), title: '大会发言', items: [], sortRule: 'manual' },
        { id: ports.ids.next('sec'), title: '书面发言', items: [], sortRule: 'manual' },
        { id: ports.ids.next('sec'), title: '调研报告', items: [], sortRule: 'manual' },
      ],
    };
  }

  return {
    'app.info': async () =>
      ok({
        version: ports.info?.version ?? '0.0.0',
        schemaVersion: SCHEMA_VERSION,
        dataDir: ports.info?.dataDir ?? '',
        transport: ports.info?.transport ?? 'local',
      }),
    'sessions.list': async () => {
      const r = await ports.storage.list();
      if (!r.ok) return r;
      return ok(
        r.value.sort((a, b) => (b.openedAt ?? b.updatedAt ?? '').localeCompare(a.openedAt ?? a.updatedAt ?? '')),
      );
    },
    'sessions.create': async (i) => {
      const id = ports.ids.next('s');
      let session: Session;
      const notices: { code: string; message: string }[] = [];
      if (i.template === 'sample') {
        if (!ports.sample) return err('sample.unavailable', '示例会议不可用');
        const s = await ports.sample.load();
        if (!s.ok) return s;
        const c = await ports.storage.create(id, {
          ...s.value.session,
          id,
          name: i.name,
          ...(i.date ? { date: i.date } : {}),
          ...(i.theme !== undefined ? { theme: i.theme } : {}),
        });
        if (!c.ok) return c;
        // Sources are copied into the store content-addressed; bodies read now so compile is instant.
        const byFile = new Map(s.value.files.map((f) => [f.file, f.bytes]));
        const subs: Submission[] = [];
        for (const sub of s.value.session.submissions) {
          const bytes = byFile.get(sub.source.file);
          if (!bytes) {
            notices.push({ code: 'sample.missing-file', message: `示例材料缺少文件：${sub.source.file}` });
            subs.push(sub);
            continue;
          }
          const put = await ports.files.put(id, bytes, sub.source.format);
          if (!put.ok) return put;
          const next = {
            ...sub,
            source: {
              ...sub.source,
              file: put.value.file,
              sha256: put.value.sha256,
              originalName: sub.source.originalName ?? sub.source.file.split('/').pop(),
            },
          };
          const d = await getDoc(id, next);
          if (!d.ok) notices.push({ code: d.error.code, message: d.error.message });
          subs.push(next);
        }
        session = {
          ...s.value.session,
          id,
          name: i.name,
          submissions: subs,
          ...(i.date ? { date: i.date } : {}),
          ...(i.theme !== undefined ? { theme: i.theme } : {}),
        };
      } else if (i.template === 'copy') {
        if (!i.fromSessionId) return err(ErrorCodes.badInput, '复制设置时必须指定来源会议');
        const src = await owner.read(i.fromSessionId, (st) => ok(st.session));
        if (!src.ok) return src;
        const blank = blankSession(id, i.name, i.date, i.theme);
        session = {
          ...blank,
          layout: src.value.layout,
          marks: src.value.marks,
          organiser: src.value.organiser,
          organiserSuffix: src.value.organiserSuffix,
          bookTitle: src.value.bookTitle,
          members: src.value.members,
          sections: src.value.sections.map((sec) => ({ ...sec, id: ports.ids.next('sec'), items: [] })),
        };
        const c = await ports.storage.create(id, session);
        if (!c.ok) return c;
      } else {
        session = blankSession(id, i.name, i.date, i.theme);
        const c = await ports.storage.create(id, session);
        if (!c.ok) return c;
      }
      const parsed = SessionSchema.safeParse(session);
      if (!parsed.success) return err('session.invalid', `新会议数据无效：${parsed.error.issues[0]?.message}`);
      // A layout copied from another session is checked like settings.update checks an edit.
      const badLayout = layoutErrors(parsed.data.layout);
      if (badLayout.length)
        notices.push({
          code: 'settings.invalid',
          message: `${layoutErrorMessage(badLayout).replace('，未保存', '')}（已沿用来源会议的设置，请在“会议信息”中修改）`,
        });
      const sv = await ports.storage.save(id, parsed.data, 0);
      if (!sv.ok) return sv;
      const o = await owner.open(id);
      if (!o.ok) return o;
      if (o.value.status !== 'open') return err(ErrorCodes.sessionDamaged, o.value.message);
      warmup.soon(id);
      return ok({ ...o.value.view, ...(notices.length ? { notices } : {}) });
    },
    'sessions.open': async (i) => {
      const r = await owner.open(i.sessionId);
      if (r.ok && r.value.status === 'open') warmup.soon(i.sessionId);
      // A session whose 网上报送 was on when the app closed listens again until its deadline.
      if (r.ok && r.value.status === 'open') void resumePortal(ports, i.sessionId, r.value.view.session);
      return r;
    },
    'sessions.state': async (i) => owner.read(i.sessionId, (st) => ok(owner.view(st))),
    'sessions.save': async (i) => owner.retry(i.sessionId),
    'sessions.close': async (i) => {
      const r = await owner.close(i.sessionId);
      return r.ok ? ok({ closed: true }) : r;
    },
    'sessions.rename': async (i) => owner.edit(i, '重命名会议', (s) => E.renameSession(s, i.name)),
    'sessions.duplicate': async (i) => {
      const src = await owner.read(i.sessionId, (st) => ok(st.session));
      if (!src.ok) return src;
      const id = ports.ids.next('s');
      const session = { ...src.value, id, name: i.name ?? `${src.value.name}（副本）` };
      const c = await ports.storage.copy(i.sessionId, id, session);
      if (!c.ok) return c;
      return ok(summaryOf(id, session));
    },
    'sessions.delete': async (i) => {
      const c = await owner.close(i.sessionId);
      if (!c.ok) return c;
      return ports.storage.trash(i.sessionId);
    },
    'sessions.trash.list': async () => ports.storage.trashList(),
    'sessions.trash.restore': async (i) => {
      const r = await ports.storage.trashRestore(i.trashId);
      if (!r.ok) return r;
      const all = await ports.storage.list();
      const s = all.ok ? all.value.find((x) => x.id === r.value) : undefined;
      return s ? ok(s) : err(ErrorCodes.sessionNotFound, '恢复后找不到会议');
    },
    'sessions.trash.empty': async (i) => {
      const r = await ports.storage.trashEmpty(i.trashIds);
      return r.ok ? ok({ removed: r.value }) : r;
    },
    'snapshots.list': async (i) => ports.storage.snapshots(i.sessionId),
    'snapshots.create': async (i) =>
      owner.read(i.sessionId, (st) => ports.storage.snapshot(i.sessionId, st.session, st.revision, 'manual')),
    'snapshots.restore': async (i) => {
      const snap = await ports.storage.readSnapshot(i.sessionId, i.snapshotId);
      if (!snap.ok) return snap;
      return owner.replace(i.sessionId, i.revision, snap.value.session, snap.value.revision + 1, {
        code: 'snapshot.restored',
        message: `已恢复快照（${i.snapshotId}）`,
      });
    },
    'bundle.export': async (i, ctx) => {
      const cur = await owner.read(i.sessionId, (st) => ok(st.session));
      if (!cur.ok) return cur;
      const built = await buildBundle(ports, i.sessionId, cur.value, bodyKey, now());
      if (!built.ok) return built;
      const out = await ports.outputs.write(i.sessionId, bundleFileName(cur.value), built.value.bytes);
      if (!out.ok) return out;
      const w = await writeOut(out.value, i.sessionId, i.targetPath, ctx);
      return w.ok && built.value.notice ? ok({ ...w.value, notice: built.value.notice }) : w;
    },

    'bundle.import': async (i, ctx) => {
      const f = await resolveFile(i.file, ctx, BUNDLE_MAX_BYTES);
      if (!f.ok) return f;
      const b = await decodeBundle(f.value.bytes, f.value.name);
      if (!b.ok) return b;
      const id = ports.ids.next('s');
      const session = { ...b.value.session, id };
      const c = await ports.storage.create(id, session);
      if (!c.ok) return c;
      for (const [file, bytes] of b.value.files) {
        const put = await ports.files.put(id, bytes, file.split('.').pop()!);
        if (!put.ok) return put;
      }
      for (const [key, doc] of b.value.bodies) await ports.bodies.put(id, key, doc);
      const sv = await ports.storage.save(id, session, 0);
      if (!sv.ok) return sv;
      return ok(summaryOf(id, session));
    },
  };
}
