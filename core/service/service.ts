// The service: implements every call of the contract over injected ports. It holds no transport
// knowledge (IPC, HTTP and tests all reach it through the dispatcher) and never touches node, the
// disk or the DOM itself. Every edit goes through the SessionOwner (revision check, undo, durable
// save); reads of bodies and files go through the stores.
import { countWords, documentText, type SourceDoc } from '../model/document';
import { SCHEMA_VERSION, SessionSchema, type Session, type Submission } from '../model/session';
import { defaultLayoutSettings } from '../model/settings';
import { fromBase64 } from '../read/base64';
import { err, ok, toAppError, type AppError, type Result } from '../result';
import type { CallContext, Handlers, ServiceImpl } from '../contract/client';
import { ErrorCodes } from '../contract/errors';
import type { FileInput, ImportReportEntry, OutputFile } from '../contract/schemas';
import { bundleFileName, decodeBundle, encodeBundle } from './bundle';
import { CompileJobs } from './compile-jobs';
import { CompileWarmup } from './compile-warmup';
import { basicSorter, matchMembers, registryImporter } from './default-ports';
import * as E from './edits';
import { Emitter } from './emitter';
import { basicRosterFiles, ROSTER_FIELD_LABELS } from './roster-import';
import type { ImportedFile, Ports, PrintRequest, RosterMapping, RosterTableData } from './ports';
import { PrintRuns } from './print-runs';
import { dossierOrder } from '../print/handouts';
import { tocAuthor } from '../model/dossier';
import type { Member } from '../model/session';
import { SessionOwner } from './session-owner';
import { computeStats } from './stats';
import { statsSheets } from './stats-sheet';
import { pdfImportNotes } from '../read/pdf-import-notes';
import { sha256Hex } from './hash';
import { IMAGE_INFO_CODES } from '../read/image-messages';

export interface Service extends ServiceImpl {
  owner: SessionOwner;
  /** Stops timers and jobs; closes sessions (releasing ownership). */
  dispose(): Promise<void>;
}

const todayIso = (d: Date) => d.toISOString().slice(0, 10);

export function createService(ports: Ports): Service {
  const emitter = new Emitter();
  const owner = new SessionOwner(ports, emitter);
  const jobs = new CompileJobs(ports, emitter);
  const importer = ports.importer ?? registryImporter;
  const sorter = ports.sorter ?? basicSorter;
  const rosterFiles = ports.roster ?? basicRosterFiles;
  const prints = new PrintRuns(emitter);
  const wordCache = new Map<string, number>();

  const now = () => ports.clock.now();

  /** The key a submission's body is stored under. */
  const bodyKey = (sub: Submission) => sub.source.sha256 ?? `p-${sub.source.file.replace(/[^0-9a-zA-Z_-]/g, '_').slice(-90)}`;

  async function resolveFile(f: FileInput, ctx: CallContext): Promise<Result<{ name: string; bytes: Uint8Array }>> {
    if ('data' in f) {
      try {
        return ok({ name: f.name, bytes: fromBase64(f.data) });
      } catch {
        return err('file.bad-data', `文件 ${f.name} 的内容编码无效`, { file: f.name });
      }
    }
    const name = f.name ?? f.path.split(/[\\/]/).pop() ?? f.path;
    if (!ctx.allowPaths || !ports.local) return err('file.path-refused', `此方式不能按路径读取文件：${name}`, { file: name });
    const r = await ports.local.read(f.path);
    return r.ok ? ok({ name, bytes: r.value }) : r;
  }

  /** The imported body of a submission: stored JSON, or re-read from its source (then stored). */
  async function getDoc(sessionId: string, sub: Submission): Promise<Result<SourceDoc>> {
    const key = bodyKey(sub);
    const b = await ports.bodies.get(sessionId, key);
    if (b.ok) return b;
    const bytes = await ports.files.get(sessionId, sub.source.file);
    if (!bytes.ok) return bytes;
    const name = sub.source.originalName ?? sub.source.file;
    const [r] = await importer.importFiles([{ name: name.includes('.') ? name : `${name}.${sub.source.format}`, bytes: bytes.value }], { ...emptySession(), members: [] });
    if (!r?.ok || !r.doc) return { ok: false, error: r?.error ?? { code: 'import.failed', message: `无法读取材料“${sub.title}”` } };
    await ports.bodies.put(sessionId, key, r.doc);
    return ok(r.doc);
  }

  async function wordsOf(sessionId: string, sub: Submission): Promise<number> {
    const k = `${sessionId}:${bodyKey(sub)}`;
    const cached = wordCache.get(k);
    if (cached !== undefined) return cached;
    const d = await getDoc(sessionId, sub);
    const n = d.ok ? countWords(d.value.pdf?.text ?? documentText(d.value)) : 0;
    wordCache.set(k, n);
    return n;
  }

  async function loadDocs(sessionId: string, session: Session, progress?: (done: number, total: number, message: string) => void): Promise<Result<Map<string, SourceDoc>>> {
    const docs = new Map<string, SourceDoc>();
    const placed = new Set(session.sections.flatMap((s) => s.items));
    const total = session.submissions.filter((s) => placed.has(s.id)).length;
    for (const sub of session.submissions) {
      if (!placed.has(sub.id)) continue;
      progress?.(docs.size, total, `正在读取材料 ${docs.size + 1}/${total}：${sub.title}`);
      const d = await getDoc(sessionId, sub);
      if (!d.ok) return err(d.error.code, `材料“${sub.title}”无法读取：${d.error.message}`, { file: sub.source.originalName ?? sub.source.file });
      docs.set(sub.id, d.value);
    }
    return ok(docs);
  }

  const warmup = new CompileWarmup(ports, {
    current: async (id) => {
      if (!owner.isOpen(id)) return undefined;
      const r = await owner.read(id, (st) => ok(st.session));
      return r.ok ? r.value : undefined;
    },
    loadDocs,
    compiled: (id) => jobs.latestOf(id) !== undefined,
  });

  function emptySession(): Session {
    return SessionSchema.parse({ schemaVersion: SCHEMA_VERSION, id: 'x', name: 'x', date: todayIso(now()) });
  }

  /** Stores files and bodies of imported files and turns them into submissions. */
  async function storeImported(sessionId: string, session: Session, files: ImportedFile[], bytesByName: Map<string, Uint8Array>, report: ImportReportEntry[]): Promise<Submission[]> {
    const subs: Submission[] = [];
    const knownHashes = new Map(session.submissions.filter((s) => s.source.sha256).map((s) => [s.source.sha256!, s.id]));
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
      if (f.format === 'pdf') f.warnings.push(...(await pdfImportNotes(bytes, f.name, { titleFromFileName: !f.doc.title, pageCount: f.doc.pdf?.pageCount })));
      const title = (f.title || f.doc.title || f.name.replace(/\.[^.]+$/, '')).trim() || f.name;
      const authorLine = f.authorLine ?? f.doc.authorLine ?? '';
      const sub: Submission = {
        id: ports.ids.next('sub'),
        title,
        authorLine,
        memberIds: f.memberIds ?? matchMembers(session, authorLine),
        kind: 'speech',
        source: { file: put.value.file, format: f.format, sha256: put.value.sha256, originalName: f.name },
        versions: [],
        receivedAt: now().toISOString(),
        status: f.warnings.some((w) => !IMAGE_INFO_CODES.has(w.code)) || !authorLine ? 'review' : 'ok',
        options: { pinned: false, inToc: true },
      };
      knownHashes.set(put.value.sha256, sub.id);
      Object.assign(entry, { ok: true, submissionId: sub.id, title, authorLine });
      subs.push(sub);
    }
    return subs;
  }

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
      ],
    };
  }

  async function writeOut(file: OutputFile, sessionId: string, targetPath: string | undefined, ctx: CallContext): Promise<Result<OutputFile>> {
    if (!targetPath) return ok(file);
    if (!ctx.allowPaths || !ports.local) return err('file.path-refused', '此方式不能写入本机路径，请通过下载保存');
    const bytes = await ports.outputs.read(sessionId, file.name);
    if (!bytes.ok) return bytes;
    const w = await ports.local.write(targetPath, bytes.value);
    return w.ok ? ok({ ...file, path: targetPath }) : w;
  }

  async function exportCompiled(sessionId: string, kind: 'pdf' | 'docx', targetPath: string | undefined, ctx: CallContext): Promise<Result<OutputFile>> {
    warmup.stop();
    const cur = await owner.read(sessionId, (st) => ok({ session: st.session, revision: st.revision }));
    if (!cur.ok) return cur;
    let job = jobs.latestOf(sessionId);
    if (!(job && job.revision === cur.value.revision && (job.state === 'done' || job.state === 'running') && (job.state === 'running' || job.result?.[kind]))) {
      const s = jobs.start(sessionId, cur.value.revision, cur.value.session, (p) => loadDocs(sessionId, cur.value.session, p), kind === 'pdf' ? ['pdf'] : ['pdf', 'docx']);
      if (!s.ok) return s;
      job = s.value;
    }
    const finished = (await jobs.wait(job.jobId)) ?? job;
    if (finished.state !== 'done') return err(finished.error?.code ?? ErrorCodes.compileFailed, finished.error?.message ?? '生成汇编未完成');
    const file = finished.result?.[kind];
    if (!file) return err(ErrorCodes.compileFailed, `没有生成 ${kind.toUpperCase()} 文件`);
    return writeOut(file, sessionId, targetPath, ctx);
  }

  /** Placed items' documents for print products: an unreadable item is a warning, not a stop. */
  async function loadDocsLenient(sessionId: string, session: Session): Promise<{ docs: Map<string, SourceDoc>; warnings: string[] }> {
    const docs = new Map<string, SourceDoc>();
    const warnings: string[] = [];
    const placed = new Set(session.sections.flatMap((s) => s.items));
    for (const sub of session.submissions) {
      if (!placed.has(sub.id)) continue;
      const d = await getDoc(sessionId, sub);
      if (d.ok) docs.set(sub.id, d.value);
      else warnings.push(`材料“${sub.title}”无法读取，已跳过：${d.error.message}`);
    }
    return { docs, warnings };
  }

  /** A file name the outputs folder accepts, from a session or roster name. */
  const outName = (stem: string, ext: string) => `${stem.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/^[.\s]+/, '').slice(0, 60) || '汇编'}.${ext}`;

  async function readRoster(f: FileInput, ctx: CallContext): Promise<Result<{ table: RosterTableData; proposed: { mapping: RosterMapping; unmapped: string[] } }>> {
    const file = await resolveFile(f, ctx);
    if (!file.ok) return file;
    const t = await rosterFiles.read(file.value.bytes, file.value.name);
    if (!t.ok) return t;
    return ok({ table: t.value, proposed: rosterFiles.propose(t.value.headers) });
  }

  const unknownNotice = (chars: string[]) =>
    chars.length ? [{ code: 'order.unknown-chars', message: `以下字符缺少笔画数据，已按笔画数排序：${chars.join('、')}` }] : [];

  function sortMembersBy(members: readonly Member[], rule: 'stroke' | 'pinyin' | 'sector' | 'party' | 'rank'): Result<{ members: Member[]; unknownChars: string[] }> {
    if (!sorter.sortMembers) return err('order.unavailable', '名单排序不可用（缺少笔画数据）');
    try {
      return ok(sorter.sortMembers(members, rule));
    } catch (e) {
      return { ok: false, error: toAppError(e, 'order.failed', '名单排序失败') };
    }
  }

  const h: Handlers = {
    'app.info': async () => ok({ version: ports.info?.version ?? '0.0.0', schemaVersion: SCHEMA_VERSION, dataDir: ports.info?.dataDir ?? '', transport: ports.info?.transport ?? 'local' }),

    'sessions.list': async () => {
      const r = await ports.storage.list();
      if (!r.ok) return r;
      return ok(r.value.sort((a, b) => (b.openedAt ?? b.updatedAt ?? '').localeCompare(a.openedAt ?? a.updatedAt ?? '')));
    },

    'sessions.create': async (i) => {
      const id = ports.ids.next('s');
      let session: Session;
      const notices: { code: string; message: string }[] = [];
      if (i.template === 'sample') {
        if (!ports.sample) return err('sample.unavailable', '示例会议不可用');
        const s = await ports.sample.load();
        if (!s.ok) return s;
        const c = await ports.storage.create(id, { ...s.value.session, id, name: i.name, ...(i.date ? { date: i.date } : {}), ...(i.theme !== undefined ? { theme: i.theme } : {}) });
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
          const next = { ...sub, source: { ...sub.source, file: put.value.file, sha256: put.value.sha256, originalName: sub.source.originalName ?? sub.source.file.split('/').pop() } };
          const d = await getDoc(id, next);
          if (!d.ok) notices.push({ code: d.error.code, message: d.error.message });
          subs.push(next);
        }
        session = { ...s.value.session, id, name: i.name, submissions: subs, ...(i.date ? { date: i.date } : {}), ...(i.theme !== undefined ? { theme: i.theme } : {}) };
      } else if (i.template === 'copy') {
        if (!i.fromSessionId) return err(ErrorCodes.badInput, '复制设置时必须指定来源会议');
        const src = await owner.read(i.fromSessionId, (st) => ok(st.session));
        if (!src.ok) return src;
        const blank = blankSession(id, i.name, i.date, i.theme);
        session = { ...blank, layout: src.value.layout, marks: src.value.marks, organiser: src.value.organiser, organiserSuffix: src.value.organiserSuffix, bookTitle: src.value.bookTitle, members: src.value.members, sections: src.value.sections.map((sec) => ({ ...sec, id: ports.ids.next('sec'), items: [] })) };
        const c = await ports.storage.create(id, session);
        if (!c.ok) return c;
      } else {
        session = blankSession(id, i.name, i.date, i.theme);
        const c = await ports.storage.create(id, session);
        if (!c.ok) return c;
      }
      const parsed = SessionSchema.safeParse(session);
      if (!parsed.success) return err('session.invalid', `新会议数据无效：${parsed.error.issues[0]?.message}`);
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
      return ok({ id, name: session.name, theme: session.theme, date: session.date, submissionCount: session.submissions.length, memberCount: session.members.length, updatedAt: now().toISOString() });
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
    'snapshots.create': async (i) => owner.read(i.sessionId, (st) => ports.storage.snapshot(i.sessionId, st.session, st.revision, 'manual')),
    'snapshots.restore': async (i) => {
      const snap = await ports.storage.readSnapshot(i.sessionId, i.snapshotId);
      if (!snap.ok) return snap;
      return owner.replace(i.sessionId, i.revision, snap.value.session, snap.value.revision + 1, { code: 'snapshot.restored', message: `已恢复快照（${i.snapshotId}）` });
    },

    'bundle.export': async (i, ctx) => {
      const cur = await owner.read(i.sessionId, (st) => ok(st.session));
      if (!cur.ok) return cur;
      const session = cur.value;
      const files = new Map<string, Uint8Array>();
      const bodies = new Map<string, SourceDoc>();
      for (const sub of session.submissions) {
        for (const f of [sub.source.file, ...sub.versions.map((v) => v.file)]) {
          if (files.has(f)) continue;
          const b = await ports.files.get(i.sessionId, f);
          if (!b.ok) return err('bundle.missing-file', `导出失败：材料“${sub.title}”的文件缺失（${f}）`);
          files.set(f, b.value);
        }
        const d = await ports.bodies.get(i.sessionId, bodyKey(sub));
        if (d.ok) bodies.set(bodyKey(sub), d.value);
      }
      const bytes = encodeBundle({ session, files, bodies }, now().toISOString());
      const out = await ports.outputs.write(i.sessionId, bundleFileName(session), bytes);
      if (!out.ok) return out;
      return writeOut(out.value, i.sessionId, i.targetPath, ctx);
    },

    'bundle.import': async (i, ctx) => {
      const f = await resolveFile(i.file, ctx);
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
      return ok({ id, name: session.name, theme: session.theme, date: session.date, submissionCount: session.submissions.length, memberCount: session.members.length, updatedAt: now().toISOString() });
    },

    'roster.list': async (i) => owner.read(i.sessionId, (st) => ok(st.session.members)),
    'roster.add': async (i) => owner.edit(i, '添加委员', (s) => E.addMember(s, ports.ids.next('m'), i.member)),
    'roster.update': async (i) => owner.edit(i, '修改委员信息', (s) => E.updateMember(s, i.memberId, i.patch)),
    'roster.remove': async (i) => owner.edit(i, '删除委员', (s) => E.removeMembers(s, i.memberIds), { snapshotBefore: 'before-change' }),
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
      const view = await owner.edit(i, '导入委员名单', (s) => {
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
        const submissions = i.mode === 'replace' ? s.submissions.map((x) => ({ ...x, memberIds: x.memberIds.filter((m) => keep.has(m)) })) : s.submissions;
        return ok({ session: { ...s, members, submissions }, created });
      }, { snapshotBefore: i.mode === 'replace' ? 'before-change' : 'before-import' });
      if (!view.ok) return view;
      return ok({ ...view.value, report: { added, updated, skipped, problems, duplicates, ...(table.encoding ? { encoding: table.encoding } : {}) } });
    },
    'roster.preview': async (i, ctx) => {
      const rd = await readRoster(i.file, ctx);
      if (!rd.ok) return rd;
      const { table, proposed } = rd.value;
      const mapping = i.mapping ?? proposed.mapping;
      const applied = mapping.name !== undefined ? rosterFiles.apply(table, mapping) : undefined;
      const problems = applied?.ok ? applied.value.problems : [{ row: table.headerRow, message: applied && !applied.ok ? applied.error.message : `没有找到“姓名”列，请指定哪一列是姓名（表头：${table.headers.join('、')}）` }];
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
      const out = await ports.outputs.write(i.sessionId, outName(`${cur.value.name}-委员名单`, 'xlsx'), bytes);
      if (!out.ok) return out;
      const w = await writeOut(out.value, i.sessionId, i.targetPath, ctx);
      return w.ok ? ok({ ...w.value, unknownChars }) : w;
    },
    'roster.sort': async (i) => {
      let unknownChars: string[] = [];
      const v = await owner.edit(i, '委员名单排序', (s) => {
        const r = sortMembersBy(s.members, i.rule);
        if (!r.ok) return r;
        unknownChars = r.value.unknownChars;
        return ok({ session: { ...s, members: r.value.members } });
      }, { snapshotBefore: 'before-change' });
      if (!v.ok) return v;
      const notices = [...(v.value.notices ?? []), ...unknownNotice(unknownChars)];
      return ok({ ...v.value, ...(notices.length ? { notices } : {}), unknownChars });
    },

    'submissions.list': async (i) => {
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      const { session, revision } = cur.value;
      const where = new Map<string, string>();
      for (const sec of session.sections) for (const id of sec.items) where.set(id, sec.id);
      // Pages only from a compile of this very revision: never an older count shown as current.
      const job = jobs.lastDoneOf(i.sessionId);
      const pages = new Map(job && job.revision === revision && job.result ? job.result.items.map((x) => [x.submissionId, x.pageCount] as const) : []);
      const out = [];
      for (const s of session.submissions) {
        const p = pages.get(s.id);
        out.push({ ...s, ...(where.has(s.id) ? { sectionId: where.get(s.id) } : {}), words: await wordsOf(i.sessionId, s), ...(p !== undefined ? { pages: p } : {}) });
      }
      return ok(out);
    },
    'submissions.source': async (i) => {
      const cur = await owner.read(i.sessionId, (st) => ok(st.session.submissions.find((x) => x.id === i.submissionId)));
      if (!cur.ok) return cur;
      const sub = cur.value;
      if (!sub) return err(ErrorCodes.notFound, `找不到材料：${i.submissionId}`);
      const bytes = await ports.files.get(i.sessionId, sub.source.file);
      if (!bytes.ok) return err('file.not-found', `材料《${sub.title}》的原文件已找不到（${sub.source.originalName ?? sub.source.file}），请用“替换新版本”重新导入`, { file: sub.source.file });
      const ext = (sub.source.file.split('.').pop() ?? sub.source.format).toLowerCase();
      const given = sub.source.originalName ?? `${sub.title}.${ext}`;
      // A served name: no folders, no characters Windows refuses, the stored extension kept.
      const base = given.replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f<>:"|?*]/g, '_').slice(-80) || `source.${ext}`;
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
      for (const f of i.files) {
        const r = await resolveFile(f, ctx);
        const fname = 'name' in f && f.name ? f.name : 'path' in f ? f.path : '?';
        if (!r.ok) {
          report.push({ name: fname, ok: false, error: { code: r.error.code, message: r.error.message }, warnings: [] });
          continue;
        }
        // Two files with one name in a batch: keep both, make the second name unique for the report.
        let name = r.value.name;
        for (let n = 2; bytesByName.has(name); n++) name = r.value.name.replace(/(\.[^.]*)?$/, `（${n}）$1`);
        bytesByName.set(name, r.value.bytes);
        const hash = await sha256Hex(r.value.bytes);
        const dup = cur.value.submissions.find((x) => x.source.sha256 === hash);
        if (dup) {
          report.push({ name, ok: false, error: { code: 'import.duplicate', message: `${name} 与已导入的材料“${dup.title}”内容完全相同，已跳过` }, duplicateOf: dup.id, warnings: [] });
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
      const subs = await storeImported(i.sessionId, cur.value, imported, bytesByName, report);
      // The report follows the order the clerk gave the files in.
      const order = [...bytesByName.keys()];
      report.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
      if (!subs.length) {
        const v = await owner.read(i.sessionId, (st) => ok(owner.view(st)));
        return v.ok ? ok({ ...v.value, report }) : v;
      }
      // Reading a batch can take a while; other windows may have edited meantime. Adding items
      // commutes with any edit, so it lands on the current state instead of failing as stale and
      // throwing the clerk's import away (the revision was checked when the import started).
      const v = await owner.edit({ sessionId: i.sessionId, revision: undefined }, `导入 ${subs.length} 份材料`, (s) => {
        const placed = i.sectionId && s.sections.some((x) => x.id === i.sectionId) ? i.sectionId : undefined;
        return E.addSubmissions(s, subs, placed);
      }, { snapshotBefore: 'before-import' });
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
      const without = { ...cur.value.session, submissions: cur.value.session.submissions.filter((x) => x.id !== old.id) };
      const [sub] = await storeImported(i.sessionId, without, [r], new Map([[f.value.name, f.value.bytes]]), report);
      if (!sub) return err(report[0]?.error?.code ?? 'import.failed', report[0]?.error?.message ?? `无法读取 ${f.value.name}`, { file: f.value.name });
      const v = await owner.edit(i, '替换材料新版本', (s) => {
        // Built from the submission as it is now, so nothing edited meanwhile is overwritten.
        const curSub = s.submissions.find((x) => x.id === old.id);
        if (!curSub) return err(ErrorCodes.notFound, `找不到材料：${old.id}`);
        const next: Submission = {
          ...curSub,
          source: sub.source,
          versions: [...curSub.versions, { file: curSub.source.file, format: curSub.source.format, ...(curSub.source.sha256 ? { sha256: curSub.source.sha256 } : {}), replacedAt: now().toISOString() }],
          receivedAt: now().toISOString(),
        };
        return E.replaceSubmission(s, old.id, next);
      });
      return v.ok ? ok({ ...v.value, report: { ...report[0], submissionId: old.id } }) : v;
    },
    'submissions.update': async (i) => owner.edit(i, '修改材料信息', (s) => E.updateSubmission(s, i.submissionId, i.patch)),
    'submissions.remove': async (i) => owner.edit(i, '删除材料', (s) => E.removeSubmissions(s, i.submissionIds), { snapshotBefore: 'before-change' }),

    'sections.create': async (i) => owner.edit(i, '新建栏目', (s) => E.createSection(s, ports.ids.next('sec'), i.title, i.index)),
    'sections.rename': async (i) => owner.edit(i, '重命名栏目', (s) => E.renameSection(s, i.sectionId, i.title)),
    'sections.reorder': async (i) => owner.edit(i, '调整栏目顺序', (s) => E.reorderSections(s, i.sectionIds)),
    'sections.remove': async (i) => owner.edit(i, '删除栏目', (s) => E.removeSection(s, i.sectionId, i.moveItemsTo), { snapshotBefore: 'before-change' }),
    'sections.moveItem': async (i) => owner.edit(i, '移动材料', (s) => E.moveItem(s, i.submissionId, i.toSectionId, i.index)),
    'sections.sort': async (i) => {
      // Per call: the characters this sort had no stroke data for (no state shared between calls).
      let unknownChars: string[] = [];
      const v = await owner.edit(i, '排序', (s) => {
        const r = sorter.sort(s, i.sectionId, i.rule);
        if (!r.ok) return r;
        unknownChars = r.value.unknownChars;
        return E.setSectionOrder(s, i.sectionId, r.value.items, i.rule);
      }, { snapshotBefore: 'before-change' });
      if (!v.ok) return v;
      const notices = [...(v.value.notices ?? []), ...unknownNotice(unknownChars)];
      return ok({ ...v.value, ...(notices.length ? { notices } : {}), unknownChars });
    },

    'settings.get': async (i) =>
      owner.read(i.sessionId, (st) => {
        const s = st.session;
        return ok({ layout: s.layout, meta: { name: s.name, theme: s.theme, bookTitle: s.bookTitle, date: s.date, organiser: s.organiser, organiserSuffix: s.organiserSuffix, preface: s.preface, marks: s.marks } });
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
      let installed: { ref: { file: string; postscriptName: string; label: string }; label: string; family: string }[] = [];
      if (ports.fonts) {
        try {
          installed = (await ports.fonts.installed()).map((f) => ({ ref: { file: f.file, postscriptName: f.postscriptName, label: f.fullName }, label: f.fullName, family: f.family }));
        } catch {
          // a font folder we can't read: offer the built-ins only
        }
      }
      return ok({ builtin, installed });
    },

    'compile.start': async (i) => {
      warmup.stop();
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      return jobs.start(i.sessionId, cur.value.revision, cur.value.session, (p) => loadDocs(i.sessionId, cur.value.session, p), i.formats);
    },
    'compile.cancel': async (i) => jobs.cancel(i.jobId),
    'compile.status': async (i) => {
      if (i.jobId) {
        const j = jobs.get(i.jobId);
        return j ? ok(j) : err(ErrorCodes.notFound, `找不到编译任务：${i.jobId}`);
      }
      if (i.sessionId) return ok(jobs.latestOf(i.sessionId) ?? null);
      return err(ErrorCodes.badInput, '需要 jobId 或 sessionId');
    },
    'export.pdf': async (i, ctx) => exportCompiled(i.sessionId, 'pdf', i.targetPath, ctx),
    'export.docx': async (i, ctx) => exportCompiled(i.sessionId, 'docx', i.targetPath, ctx),
    'export.print': async (i, ctx) => {
      warmup.stop();
      const printer = ports.printer;
      if (!printer) return err('export.unavailable', '此版本无法生成印刷品（小册子、编号本、分发材料）');
      if (i.targetPath && (!ctx.allowPaths || !ports.local)) return err('file.path-refused', '此方式不能写入本机路径，请通过下载保存');
      const exportId = i.exportId ?? ports.ids.next('exp');
      if (prints.has(exportId)) return err('export.busy', `输出任务 ${exportId} 正在进行中`);
      // Two runs of one product would write the same file: the second waits for the clerk.
      const same = prints.sameKind(i.sessionId, i.as);
      if (same) return err('export.busy', same.stopping ? '刚取消的同类输出正在停止，请稍等几秒再试' : '同类输出正在进行中，请等它完成或取消后再试');
      const cur = await owner.read(i.sessionId, (st) => ok(st.session));
      if (!cur.ok) return cur;
      const session = cur.value;
      const recipients = i.recipients === 'roster' ? session.members.map((m) => m.name) : i.recipients;
      if (i.recipients === 'roster' && !recipients?.length) return err('export.no-recipients', '名单中还没有委员，无法按名单编号分发');
      const req: PrintRequest = {
        as: i.as,
        ...(i.copies !== undefined ? { copies: i.copies } : {}),
        ...(i.startNumber !== undefined ? { startNumber: i.startNumber } : {}),
        ...(i.digits !== undefined ? { digits: i.digits } : {}),
        ...(recipients ? { recipients } : {}),
        ...(i.recipientMark ? { recipientMark: i.recipientMark } : {}),
        ...(i.withRegister !== undefined ? { withRegister: i.withRegister } : {}),
        ...(i.selection ? { selection: { ...(i.selection.items ? { items: i.selection.items } : {}), ...(i.selection.sectionId ? { section: i.selection.sectionId } : {}), ...(i.selection.memberId ? { member: i.selection.memberId } : {}) } } : {}),
        ...(i.renumber !== undefined ? { renumber: i.renumber } : {}),
        ...(i.batch !== undefined ? { batch: i.batch } : {}),
        ...(i.zip !== undefined ? { zip: i.zip } : {}),
        ...(i.twoUp !== undefined ? { twoUp: i.twoUp } : {}),
        ...(i.sheet ? { sheet: i.sheet } : {}),
        ...(i.creepMm !== undefined ? { creepMm: i.creepMm } : {}),
        ...(i.sheetsPerSignature !== undefined ? { sheetsPerSignature: i.sheetsPerSignature } : {}),
        ...(i.sparePercent !== undefined ? { sparePercent: i.sparePercent } : {}),
        ...(i.marks ? { marks: i.marks } : {}),
      };
      const run = prints.start(exportId, i.sessionId, i.as);
      try {
        run.say('正在读取材料…');
        const loaded = i.as === 'register' ? { docs: new Map<string, SourceDoc>(), warnings: [] } : await loadDocsLenient(i.sessionId, session);
        const cancelled = () => {
          prints.finish(exportId, 'failed', '已取消输出');
          return err('export.cancelled', '已取消输出');
        };
        if (run.signal.aborted) return cancelled();
        const r = await printer.produce(i.sessionId, session, loaded.docs, req, { onProgress: run.say, signal: run.signal });
        if (run.signal.aborted) return cancelled();
        if (!r.ok) {
          prints.finish(exportId, 'failed', r.error.message);
          return r;
        }
        let files = r.value.files;
        if (i.targetPath) {
          const copied: typeof files = [];
          for (const f of files) {
            const target = files.length === 1 ? i.targetPath : `${i.targetPath.replace(/[\\/]+$/, '')}/${f.name}`;
            const w = await writeOut(f, i.sessionId, target, ctx);
            if (!w.ok) {
              prints.finish(exportId, 'failed', w.error.message);
              return w;
            }
            copied.push({ ...f, path: target });
          }
          files = copied;
        }
        prints.finish(exportId, 'done', `已生成 ${files.length} 个文件`);
        const { pages, copies, printSheet, ms } = r.value;
        return ok({ exportId, files, report: { as: i.as, pages, ...(copies !== undefined ? { copies } : {}), ...(printSheet ? { printSheet } : {}), warnings: [...loaded.warnings, ...r.value.warnings], ms } });
      } catch (e) {
        const error = toAppError(e, 'export.failed', '输出失败');
        prints.finish(exportId, 'failed', error.message);
        return { ok: false, error };
      }
    },
    'export.cancel': async (i) => {
      if (!i.exportId && !i.sessionId) return err(ErrorCodes.badInput, '需要 exportId 或 sessionId');
      return ok({ cancelled: prints.cancel(i) });
    },
    'export.items': async (i) =>
      owner.read(i.sessionId, (st) =>
        ok(dossierOrder(st.session).map((it) => ({ id: it.submission.id, title: it.submission.title, author: tocAuthor(it.submission), sectionId: st.session.sections[it.sectionIndex].id, section: it.sectionTitle, order: it.order, memberIds: it.submission.memberIds }))),
      ),

    'stats.get': async (i) => {
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      const words = new Map<string, number>();
      for (const sub of cur.value.session.submissions) words.set(sub.id, await wordsOf(i.sessionId, sub));
      return ok(computeStats(cur.value.session, (id) => words.get(id) ?? 0, jobs.lastDoneOf(i.sessionId), cur.value.revision));
    },
    'stats.export': async (i, ctx) => {
      if (!rosterFiles.exportTablesXlsx) return err('stats.export-unavailable', '此版本无法导出 Excel 统计表');
      const cur = await owner.read(i.sessionId, (st) => ok({ session: st.session, revision: st.revision }));
      if (!cur.ok) return cur;
      const words = new Map<string, number>();
      for (const sub of cur.value.session.submissions) words.set(sub.id, await wordsOf(i.sessionId, sub));
      const stats = computeStats(cur.value.session, (id) => words.get(id) ?? 0, jobs.lastDoneOf(i.sessionId), cur.value.revision);
      let bytes: Uint8Array;
      try {
        bytes = await rosterFiles.exportTablesXlsx(statsSheets(cur.value.session.name, stats, now()));
      } catch (e) {
        return { ok: false, error: toAppError(e, 'stats.export-failed', '导出统计表失败') };
      }
      const out = await ports.outputs.write(i.sessionId, outName(`${cur.value.session.name}-统计`, 'xlsx'), bytes);
      if (!out.ok) return out;
      return writeOut(out.value, i.sessionId, i.targetPath, ctx);
    },

    'history.state': async (i) => owner.read(i.sessionId, (st) => ok(st.history.state())),
    'history.undo': async (i) => owner.step(i, 'undo'),
    'history.redo': async (i) => owner.step(i, 'redo'),
  };

  return {
    handlers: h,
    events: emitter,
    owner,
    async dispose() {
      warmup.dispose();
      jobs.cancelAll();
      prints.cancelAll();
      owner.dispose();
      await owner.closeAll();
      await ports.dispose?.();
    },
  };
}

export type { AppError };
