// The renderer's one source of truth for the open session: the latest SessionView from the service,
// a queue that sends edits one at a time with the current revision (S8), and the error wording a
// clerk sees. It must never modify a session locally: every change is a contract call whose
// returned view replaces ours, so what is shown is what is saved.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { App as AntApp } from 'antd';
import type { ApiName, FileInput, ImportReportEntry, In, Out, SessionView } from '../../core/contract';
import type { AppError, Result } from '../../core/result';
import type { Transport } from '../transport';
import { dirtyForms } from './dirty-forms';

/** Calls that take { sessionId, revision } and return a SessionView. */
type EditName = {
  [K in ApiName]: In<K> extends { sessionId: string; revision: number }
    ? Out<K> extends SessionView
      ? K
      : never
    : never;
}[ApiName];
type EditInput<K extends EditName> = Omit<In<K>, 'sessionId' | 'revision'>;

export type Screen = 'sessions' | 'info' | 'roster' | 'intake' | 'arrange' | 'item' | 'preview' | 'stats' | 'portal';

export interface AppState {
  transport: Transport;
  view: SessionView | null;
  screen: Screen;
  itemId: string | null;
  go(screen: Screen, itemId?: string | null): void;
  setView(view: SessionView | null): void;
  /** An edit of the open session; updates the view; shows the error message on failure. */
  edit<K extends EditName>(name: K, input: EditInput<K>, opts?: { quiet?: boolean }): Promise<Result<Out<K>>>;
  /** A read (or non-session) call; shows the error message on failure unless quiet. */
  call<K extends ApiName>(name: K, input: In<K>, opts?: { quiet?: boolean }): Promise<Result<Out<K>>>;
  openSession(id: string, started?: Promise<Result<Out<'sessions.open'>>>): Promise<boolean>;
  refresh(): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  showError(e: AppError): void;
  restoring: boolean;
  /** Imports dropped / picked files into the open session; keeps the per-file report. */
  importFiles(files: FileInput[], sectionId?: string): Promise<ImportReportEntry[] | null>;
  importReport: ImportReportEntry[];
  /** When the shown import report was made (ISO); null before the session's first import. */
  importReportAt: string | null;
  /** The file import in progress (n of N, the current file), null when none. */
  importing: ImportProgress | null;
  /** Stops an import after the file being read now; files already imported stay. */
  cancelImport(): void;
  /** True once the service refused the token (expired after a restart): the shell shows how to reopen. */
  locked: boolean;
}

export interface ImportProgress {
  done: number;
  total: number;
  current: string;
  cancelling: boolean;
}

const Ctx = createContext<AppState | null>(null);

/** Edits in flight, kept outside React state so that only the save indicator re-renders. */
const busyStore = (() => {
  let n = 0;
  const subs = new Set<() => void>();
  return {
    add(d: number) {
      n += d;
      subs.forEach((f) => f());
    },
    get: () => n,
    subscribe(f: () => void) {
      subs.add(f);
      return () => subs.delete(f);
    },
  };
})();

export function useBusy(): number {
  return useSyncExternalStore(busyStore.subscribe, busyStore.get);
}

export function useApp(): AppState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useApp outside AppStateProvider');
  return v;
}

/** The clerk-facing wording for an error (the service already words most in Chinese). */
export function errorText(e: AppError): string {
  if (e.code === 'store.stale-revision')
    return '这份会议材料刚在另一个窗口中被修改，已为您刷新到最新内容，请再操作一次。';
  if (e.code === 'history.nothing-to-undo') return '没有可以撤销的操作。';
  if (e.code === 'history.nothing-to-redo') return '没有可以重做的操作。';
  return e.message || '操作没有成功，请重试。';
}

export function AppStateProvider({ transport, children }: { transport: Transport; children: ReactNode }) {
  const { message, modal } = AntApp.useApp();
  const [view, setViewState] = useState<SessionView | null>(null);
  const viewRef = useRef<SessionView | null>(null);
  const initial = readRoute();
  const [screen, setScreen] = useState<Screen>(initial.screen);
  const [itemId, setItemId] = useState<string | null>(initial.itemId);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const inFlight = useRef(0);
  const [importReport, setImportReport] = useState<ImportReportEntry[]>([]);
  const [importReportAt, setImportReportAt] = useState<string | null>(null);
  const importAtRef = useRef<string | null>(null);
  importAtRef.current = importReportAt;
  /** True while the session of this tab is being reopened after a reload (no screen flashes). */
  const [restoring, setRestoring] = useState(() => !!sessionStorage.getItem('huibian.session'));

  const setView = useCallback((v: SessionView | null) => {
    // Never step back to an older revision (an event may arrive after a newer edit's answer).
    if (v && viewRef.current && v.session.id === viewRef.current.session.id && v.revision < viewRef.current.revision)
      return;
    viewRef.current = v;
    setViewState(v);
    if (v) setRestoring(false);
    if (v) sessionStorage.setItem('huibian.session', v.session.id);
    else sessionStorage.removeItem('huibian.session');
  }, []);

  const [locked, setLocked] = useState(false);
  const showError = useCallback(
    (e: AppError) => {
      if (e.code === 'http.unauthorized') return setLocked(true);
      void message.error({ content: errorText(e), duration: 6 });
    },
    [message],
  );

  const call = useCallback(
    async <K extends ApiName>(name: K, input: In<K>, opts?: { quiet?: boolean }): Promise<Result<Out<K>>> => {
      const r = await transport.call(name, input);
      if (!r.ok && !opts?.quiet) showError(r.error);
      return r;
    },
    [transport, showError],
  );

  const refresh = useCallback(async () => {
    const cur = viewRef.current;
    if (!cur) return;
    const r = await transport.call('sessions.state', { sessionId: cur.session.id });
    // setView ignores an answer older than what is shown (refreshes can overtake each other).
    if (r.ok) setView(r.value);
  }, [transport, setView]);

  const edit = useCallback(
    <K extends EditName>(name: K, input: EditInput<K>, opts?: { quiet?: boolean }): Promise<Result<Out<K>>> => {
      const run = async (): Promise<Result<Out<K>>> => {
        const cur = viewRef.current;
        if (!cur) return { ok: false, error: { code: 'ui.no-session', message: '请先打开一个会议。' } };
        busyStore.add(1);
        try {
          const full = { ...input, sessionId: cur.session.id, revision: cur.revision } as unknown as In<K>;
          const r = await transport.call(name, full);
          (window as unknown as { __hbReplyAt?: number }).__hbReplyAt = performance.now();
          if (r.ok) setView(r.value as SessionView);
          else {
            if (r.error.code === 'store.stale-revision') await refresh();
            if (!opts?.quiet) showError(r.error);
          }
          return r;
        } finally {
          busyStore.add(-1);
        }
      };
      // Edits run one at a time, in order. When none is in flight the call starts right here,
      // synchronously: the request leaves before React re-renders the board after a drop (that
      // render used to delay the save request by 40–80 ms).
      const p = inFlight.current === 0 ? run() : queue.current.then(run, run);
      inFlight.current += 1;
      const settled = p.catch(() => undefined).then(() => void (inFlight.current -= 1));
      queue.current = settled;
      return p;
    },
    [transport, setView, refresh, showError],
  );

  const openSession = useCallback(
    async (id: string, started?: Promise<Result<Out<'sessions.open'>>>) => {
      const r = started ? await started : await call('sessions.open', { sessionId: id });
      if (!r.ok) {
        if (started) showError(r.error);
        return false;
      }
      if (r.value.status === 'recovery') {
        const info = r.value;
        const snap = info.snapshots[0];
        if (!snap) {
          modal.error({ title: '会议文件已损坏', content: `${info.message}\n没有可用的历史版本。` });
          return false;
        }
        // The damaged file is already moved aside (never overwritten); the clerk decides.
        const yes = await new Promise<boolean>((resolve) =>
          modal.confirm({
            title: '会议文件已损坏，可以恢复',
            content: info.message,
            okText: '恢复这个版本',
            cancelText: '暂不恢复',
            onOk: () => resolve(true),
            onCancel: () => resolve(false),
          }),
        );
        if (!yes) return false;
        const restored = await call('snapshots.restore', { sessionId: id, snapshotId: snap.id });
        if (!restored.ok) return false;
        message.success(`已从 ${new Date(snap.createdAt).toLocaleString('zh-CN')} 的快照恢复。`);
        viewRef.current = null;
        setView(restored.value);
        return true;
      }
      viewRef.current = null;
      setView(r.value.view);
      for (const n of r.value.view.notices ?? []) message.info(n.message);
      return true;
    },
    [call, message, modal, setView, showError],
  );

  const navigate = useCallback((s: Screen, id: string | null) => {
    setScreen(s);
    setItemId(id);
    writeRoute(s, id);
  }, []);
  // Leaving a screen with unsaved input: save what can be saved, ask before dropping the rest.
  const go = useCallback(
    (s: Screen, id: string | null = null) => {
      if (!dirtyForms.list().length) return navigate(s, id);
      void (async () => {
        const left = await dirtyForms.flush();
        if (!left.length) return navigate(s, id);
        const leave = await new Promise<boolean>((resolve) =>
          modal.confirm({
            title: '有尚未保存的输入',
            content: `“${left.map((l) => l.label).join('”“')}”中的输入还没有保存。离开这一页会放弃这些输入。`,
            okText: '放弃输入并离开',
            okButtonProps: { danger: true },
            cancelText: '留在此页',
            onOk: () => resolve(true),
            onCancel: () => resolve(false),
          }),
        );
        if (!leave) return;
        for (const l of left) dirtyForms.clear(l.key);
        navigate(s, id);
      })();
    },
    [modal, navigate],
  );

  const [importing, setImporting] = useState<ImportProgress | null>(null);
  const cancelRequested = useRef(false);
  const cancelImport = useCallback(() => {
    cancelRequested.current = true;
    setImporting((p) => (p ? { ...p, cancelling: true } : p));
  }, []);

  // One file per call, so the clerk sees n of N and the file being read, and can stop between
  // files (each file is its own undo step; files already imported stay imported).
  const importFiles = useCallback(
    async (files: FileInput[], sectionId?: string) => {
      if (!files.length) return null;
      const key = 'import';
      const nameOf = (f: FileInput) =>
        'name' in f && f.name ? f.name : 'path' in f && f.path ? f.path.split(/[\\/]/).pop()! : '文件';
      cancelRequested.current = false;
      // One id for the batch: the service keeps the files' reports together as the last import.
      const batch = `b-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const report: ImportReportEntry[] = [];
      setImportReport([]);
      let failed: AppError | null = null;
      try {
        for (let i = 0; i < files.length; i++) {
          if (cancelRequested.current) break;
          setImporting({ done: i, total: files.length, current: nameOf(files[i]), cancelling: false });
          const r = await edit('submissions.import', { files: [files[i]], sectionId, batch }, { quiet: true });
          if (!r.ok) {
            // A refused batch (stale revision, read-only, lost connection): the file is reported and we stop.
            report.push({
              name: nameOf(files[i]),
              ok: false,
              error: { code: r.error.code, message: errorText(r.error) },
              warnings: [],
            });
            failed = r.error;
            setImportReport([...report]);
            break;
          }
          report.push(...r.value.report);
          setImportReport([...report]);
        }
      } finally {
        setImporting(null);
      }
      setImportReportAt(new Date().toISOString());
      const good = report.filter((e) => e.ok).length;
      const bad = report.length - good;
      const notTried = files.length - report.length;
      if (failed && !report.some((e) => e.ok)) {
        message.error({ content: errorText(failed), key, duration: 6 });
        return report.length ? report : null;
      }
      const parts = [`已导入 ${good} 个文件`];
      if (bad) parts.push(`${bad} 个未能导入，原因见导入报告`);
      if (notTried) parts.push(`已停止，其余 ${notTried} 个没有导入`);
      if (bad || notTried) message.warning({ content: `${parts.join('，')}。`, key, duration: 6 });
      else message.success({ content: `${parts[0]}。`, key, duration: 3 });
      return report;
    },
    [edit, message],
  );

  // The session's last import report is kept by the service: shown again after a reload.
  const openId = view?.session.id;
  useEffect(() => {
    setImportReport([]);
    setImportReportAt(null);
    if (!openId) return;
    let live = true;
    void transport.call('imports.last', { sessionId: openId }).then((r) => {
      if (!live || !r.ok || !r.value) return;
      // An import made in this tab meanwhile is newer than the stored one.
      if (importAtRef.current && importAtRef.current > r.value.at) return;
      setImportReport(r.value.entries);
      setImportReportAt(r.value.at);
    });
    return () => {
      live = false;
    };
  }, [openId, transport]);

  const undo = useCallback(async () => {
    await edit('history.undo', {});
  }, [edit]);
  const redo = useCallback(async () => {
    await edit('history.redo', {});
  }, [edit]);

  // A view that is not yet on disk: ask again until the store says saved (events can race the
  // call's answer, and the clerk must never see a stale 正在保存… or a false 已保存).
  useEffect(() => {
    const state = view?.save.state;
    if (!state || state === 'saved') return;
    const t = setTimeout(() => void refresh(), state === 'saving' ? 250 : 3000);
    return () => clearTimeout(t);
  }, [view, refresh]);

  // Another window or tab changed the session, or its save state changed: show the truth.
  useEffect(
    () =>
      transport.on('session.changed', (p) => {
        const cur = viewRef.current;
        if (!cur || p.sessionId !== cur.session.id) return;
        if (p.revision > cur.revision) void refresh();
        else if (p.revision === cur.revision) setViewState({ ...cur, save: p.save });
      }),
    [transport, refresh],
  );

  // Reopen the session of this tab after a reload; the request starts during the first render so
  // the session data and the first frame are prepared in parallel.
  const [reopening] = useState(() => {
    const id = sessionStorage.getItem('huibian.session');
    return id ? { id, started: transport.call('sessions.open', { sessionId: id }) } : null;
  });
  useEffect(() => {
    if (reopening)
      void openSession(reopening.id, reopening.started).then((ok) => {
        if (ok) return;
        sessionStorage.removeItem('huibian.session');
        setRestoring(false);
        go('sessions');
      });
    else if (initial.screen !== 'sessions') go('sessions');
  }, []);

  const fields: AppState = {
    transport,
    view,
    screen,
    itemId,
    go,
    setView,
    edit,
    call,
    openSession,
    refresh,
    undo,
    redo,
    showError,
    importFiles,
    importReport,
    importReportAt,
    restoring,
    importing,
    cancelImport,
    locked,
  };
  // A new context value only when a field changed (the fields, in their fixed order, are the deps).
  const value = useMemo(() => fields, Object.values(fields));
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

const SCREENS: Screen[] = ['sessions', 'info', 'roster', 'intake', 'arrange', 'item', 'preview', 'stats'];
function readRoute(): { screen: Screen; itemId: string | null } {
  const m = /^#\/(\w+)(?:\/(.+))?$/.exec(location.hash);
  if (m && (SCREENS as string[]).includes(m[1]))
    return { screen: m[1] as Screen, itemId: m[2] ? decodeURIComponent(m[2]) : null };
  return { screen: 'sessions', itemId: null };
}
function writeRoute(s: Screen, id: string | null): void {
  history.replaceState(
    null,
    '',
    `${location.pathname}${location.search}#/${s}${id ? `/${encodeURIComponent(id)}` : ''}`,
  );
}
