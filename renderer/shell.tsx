// The application frame: navigation between the eight screens, the session title with its
// 已保存 / 未保存 state, undo / redo, global shortcuts and file drop anywhere in the window.
// It must never edit data itself: it calls the app state, which calls the contract.
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Badge, Button, Layout, Menu, Progress, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import {
  BarChartOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  InfoCircleOutlined,
  OrderedListOutlined,
  RedoOutlined,
  CloudUploadOutlined,
  TeamOutlined,
  UndoOutlined,
  FilePdfOutlined,
  QuestionCircleOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useApp, useBusy, type Screen } from './state/app-state';
import { useDirtyForms } from './state/dirty-forms';
import { ArrangeScreen } from './screens/arrange';
import { HelpDrawer } from './components/help';
import { NoAccess } from './components/no-access';

// Screens other than 编排 load on first use, so opening a session parses less code (pdf.js above all).
const SessionsScreen = lazy(() => import('./screens/sessions').then((m) => ({ default: m.SessionsScreen })));
const InfoScreen = lazy(() => import('./screens/info').then((m) => ({ default: m.InfoScreen })));
const RosterScreen = lazy(() => import('./screens/roster').then((m) => ({ default: m.RosterScreen })));
const IntakeScreen = lazy(() => import('./screens/intake').then((m) => ({ default: m.IntakeScreen })));
const ItemScreen = lazy(() => import('./screens/item').then((m) => ({ default: m.ItemScreen })));
const PreviewScreen = lazy(() => import('./screens/preview').then((m) => ({ default: m.PreviewScreen })));
const StatsScreen = lazy(() => import('./screens/stats').then((m) => ({ default: m.StatsScreen })));
const PortalScreen = lazy(() => import('./screens/portal').then((m) => ({ default: m.PortalScreen })));

const NAV: { key: Screen; label: string; icon: ReactNode; needsSession: boolean }[] = [
  { key: 'sessions', label: '会议', icon: <FolderOpenOutlined />, needsSession: false },
  { key: 'info', label: '会议信息', icon: <InfoCircleOutlined />, needsSession: true },
  { key: 'roster', label: '委员名单', icon: <TeamOutlined />, needsSession: true },
  { key: 'intake', label: '材料收集', icon: <InboxOutlined />, needsSession: true },
  { key: 'arrange', label: '编排', icon: <OrderedListOutlined />, needsSession: true },
  { key: 'item', label: '材料详情', icon: <FileSearchOutlined />, needsSession: true },
  { key: 'preview', label: '预览与生成', icon: <FilePdfOutlined />, needsSession: true },
  { key: 'stats', label: '统计', icon: <BarChartOutlined />, needsSession: true },
  { key: 'portal', label: '网上报送', icon: <CloudUploadOutlined />, needsSession: true },
];

function isTextField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || (el as HTMLElement).isContentEditable;
}

export function SaveState() {
  const { view } = useApp();
  const busy = useBusy();
  const dirty = useDirtyForms();
  if (!view) return null;
  if (view.readOnly) return <Tag color="default">只读：{view.readOnly.message}</Tag>;
  // Input typed but not yet sent is not saved: never say 已保存 over it.
  if (dirty.length)
    return (
      <Tooltip title={`“${dirty.map((d) => d.label).join('”“')}”中有尚未保存的输入（离开输入框或按回车即保存）`}>
        <Tag color="warning" data-testid="save-state">
          有未保存的输入
        </Tag>
      </Tooltip>
    );
  const s = view.save.state;
  if (busy > 0 || s === 'saving')
    return (
      <Tag color="processing" data-testid="save-state">
        正在保存…
      </Tag>
    );
  if (s === 'unsaved')
    return (
      <Tooltip title={view.save.error?.message ?? '保存失败，将自动重试'}>
        <Tag color="error" data-testid="save-state">
          未保存
        </Tag>
      </Tooltip>
    );
  return (
    <Tooltip
      title={view.save.savedAt ? `保存于 ${new Date(view.save.savedAt).toLocaleTimeString('zh-CN')}` : undefined}
    >
      <Tag color="success" data-testid="save-state">
        已保存
      </Tag>
    </Tooltip>
  );
}

export function Shell() {
  const app = useApp();
  const { view, screen, go, transport } = app;
  const [dragging, setDragging] = useState(false);
  const [help, setHelp] = useState(false);

  // Ctrl+Z / Ctrl+Y undo the last edit of the session (text fields keep their own undo);
  // Alt+1…8 switch screens (Ctrl+number is taken by the browser's tabs).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && !isTextField(document.activeElement)) {
        const k = e.key.toLowerCase();
        if (k === 'z' && !e.shiftKey) {
          e.preventDefault();
          if (view) void app.undo();
        } else if (k === 'y' || (k === 'z' && e.shiftKey)) {
          e.preventDefault();
          if (view) void app.redo();
        }
      }
      if (e.key === 'F1') {
        e.preventDefault();
        setHelp(true);
      }
      if (e.altKey && !mod && /^[1-8]$/.test(e.key)) {
        const nav = NAV[Number(e.key) - 1];
        if (nav && (!nav.needsSession || view)) {
          e.preventDefault();
          go(nav.key);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app, view, go]);

  // Files dropped anywhere are imported into the open session (and never navigate away).
  useEffect(() => {
    const over = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) {
        e.preventDefault();
        setDragging(true);
      }
    };
    const leave = (e: DragEvent) => {
      if (!e.relatedTarget) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      if ((e.target as Element | null)?.closest?.('[data-dropzone]')) return; // the intake zone handles it
      const files = [...(e.dataTransfer?.files ?? [])];
      if (!files.length) return;
      if (!view) {
        app.showError({ code: 'ui.no-session', message: '请先新建或打开一个会议，再拖入材料。' });
        return;
      }
      void (async () => {
        // Electron: dropped folders become the documents inside them (the browser gets files only).
        const native = transport.native;
        const paths = native ? files.map((f) => transport.pathOf?.(f) ?? '').filter(Boolean) : [];
        let inputs;
        if (native && paths.length === files.length) {
          const expanded = await native.expandPaths(paths);
          inputs = expanded.ok ? expanded.value.map((path) => ({ path })) : [];
        } else inputs = await Promise.all(files.map((f) => transport.fileInput(f)));
        if (!inputs.length)
          return app.showError({
            code: 'import.nothing',
            message: '拖入的内容中没有可导入的文件（Word、WPS、PDF、文本）。',
          });
        if (await app.importFiles(inputs)) go('intake');
      })();
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [app, view, transport, go]);

  // Electron: menu commands and files handed over by a second launch (S7).
  useEffect(() => {
    if (transport.kind !== 'ipc') return;
    const ev = transport as unknown as { on(e: string, cb: (p: unknown) => void): () => void };
    const offMenu = ev.on('menu.command', (p) => {
      const { command, sessionId } = (p ?? {}) as { command?: string; sessionId?: string };
      if (command === 'undo')
        return isTextField(document.activeElement) ? document.execCommand('undo') : void app.undo();
      if (command === 'redo')
        return isTextField(document.activeElement) ? document.execCommand('redo') : void app.redo();
      if (command === 'session.open' && sessionId)
        return void app.openSession(sessionId).then((ok) => ok && go('arrange'));
      if (command?.startsWith('nav.')) {
        const map: Record<string, Screen> = {
          'nav.sessions': 'sessions',
          'nav.info': 'info',
          'nav.roster': 'roster',
          'nav.intake': 'intake',
          'nav.arrange': 'arrange',
          'nav.preview': 'preview',
          'nav.stats': 'stats',
        };
        const target = map[command];
        if (target && (target === 'sessions' || view)) go(target);
        return;
      }
      if (command === 'session.new' || command === 'session.open') return go('sessions');
      if (command === 'import.files' || command === 'import.folder') return go('intake');
      if (command === 'compile' || command?.startsWith('export.') || command === 'print' || command === 'openOutput')
        return go('preview');
    });
    const offOpen = ev.on('app.openPaths', (p) => {
      const paths = ((p ?? {}) as { paths?: string[] }).paths ?? [];
      if (!paths.length) return;
      if (!view) return app.showError({ code: 'ui.no-session', message: '请先打开一个会议，再导入文件。' });
      void (async () => {
        const expanded = transport.native ? await transport.native.expandPaths(paths) : null;
        const files = expanded?.ok ? expanded.value : paths;
        if (files.length && (await app.importFiles(files.map((path) => ({ path }))))) go('intake');
      })();
    });
    return () => {
      offMenu();
      offOpen();
    };
  }, [transport, app, view, go]);

  // Timing marks for bench/ui.ts (drop → saved → UI updated): set after React committed the view.
  useEffect(() => {
    if (view?.save.state === 'saved')
      (window as unknown as { __hbSaved?: unknown }).__hbSaved = { at: performance.now(), revision: view.revision };
  }, [view]);

  const current = screen !== 'sessions' && !view ? 'sessions' : screen;
  if (app.locked) return <NoAccess expired />;
  const imp = app.importing;
  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Sider width={168} theme="light" style={{ borderRight: '1px solid #eee' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', padding: '0 20px', gap: 8 }}>
          <span style={{ background: '#b71c1c', color: '#fff', fontWeight: 700, borderRadius: 4, padding: '2px 6px' }}>
            汇
          </span>
          <Typography.Text strong style={{ fontSize: 16 }}>
            汇编
          </Typography.Text>
        </div>
        <Menu
          mode="inline"
          selectedKeys={[current]}
          onClick={(e) => go(e.key as Screen)}
          items={NAV.map((n, i) => ({
            key: n.key,
            icon: n.icon,
            disabled: n.needsSession && !view,
            label: <span title={`Alt+${i + 1}`}>{n.label}</span>,
          }))}
          data-testid="nav"
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            height: 56,
            lineHeight: '56px',
            padding: '0 20px',
            borderBottom: '1px solid #eee',
            display: 'flex',
            alignItems: 'center',
            gap: 12,
          }}
        >
          <Typography.Text
            strong
            ellipsis
            style={{ flex: 1, fontSize: 15 }}
            data-testid="session-title"
            data-revision={view?.revision}
          >
            {view ? view.session.name : '尚未打开会议'}
          </Typography.Text>
          {view && (
            <Space>
              <SaveState />
              <Tooltip
                title={view.history.canUndo ? `撤销：${view.history.undoLabel ?? ''}（Ctrl+Z）` : '没有可撤销的操作'}
              >
                <Button
                  icon={<UndoOutlined />}
                  disabled={!view.history.canUndo}
                  onClick={() => void app.undo()}
                  aria-label="撤销"
                >
                  撤销
                </Button>
              </Tooltip>
              <Tooltip
                title={view.history.canRedo ? `重做：${view.history.redoLabel ?? ''}（Ctrl+Y）` : '没有可重做的操作'}
              >
                <Button
                  icon={<RedoOutlined />}
                  disabled={!view.history.canRedo}
                  onClick={() => void app.redo()}
                  aria-label="重做"
                >
                  重做
                </Button>
              </Tooltip>
              {view.session.submissions.some((s) => s.status === 'review') && (
                <Badge count={view.session.submissions.filter((s) => s.status === 'review').length} size="small">
                  <Tag color="warning" style={{ cursor: 'pointer' }} onClick={() => go('intake')}>
                    待核对
                  </Tag>
                </Badge>
              )}
            </Space>
          )}
          <Tooltip title="使用说明（F1）">
            <Button icon={<QuestionCircleOutlined />} onClick={() => setHelp(true)} data-testid="help-open">
              使用说明
            </Button>
          </Tooltip>
        </Layout.Header>
        {imp && (
          <div className="hb-import-bar" data-testid="import-progress" role="status" aria-live="polite">
            <Typography.Text style={{ whiteSpace: 'nowrap', minWidth: 150 }}>
              正在导入 第 {Math.min(imp.done + 1, imp.total)} / {imp.total} 个
            </Typography.Text>
            <Progress
              percent={Math.round((imp.done / imp.total) * 100)}
              size="small"
              style={{ flex: 1, margin: 0, minWidth: 120 }}
            />
            <Typography.Text type="secondary" ellipsis style={{ width: 320 }} data-testid="import-current">
              {imp.cancelling ? '读完这个文件后停止…' : imp.current}
            </Typography.Text>
            <Button
              size="small"
              icon={<StopOutlined />}
              disabled={imp.cancelling}
              onClick={app.cancelImport}
              data-testid="import-cancel"
            >
              取消
            </Button>
          </div>
        )}
        <Layout.Content className="hb-content" data-screen={current}>
          {app.restoring && !view ? (
            <Spin style={{ display: 'block', marginTop: 80 }} tip="正在打开会议…">
              <div />
            </Spin>
          ) : (
            <Suspense fallback={<Spin style={{ display: 'block', marginTop: 80 }} />}>
              {current === 'sessions' && <SessionsScreen />}
              {current === 'info' && <InfoScreen />}
              {current === 'roster' && <RosterScreen />}
              {current === 'intake' && <IntakeScreen />}
              {current === 'arrange' && <ArrangeScreen />}
              {current === 'item' && <ItemScreen />}
              {current === 'preview' && <PreviewScreen />}
              {current === 'stats' && <StatsScreen />}
              {current === 'portal' && <PortalScreen />}
            </Suspense>
          )}
        </Layout.Content>
      </Layout>
      {dragging && (
        <div className="hb-drop-overlay" data-testid="drop-overlay">
          <div>
            <InboxOutlined style={{ fontSize: 40 }} />
            <div className="hb-drop-title">
              {view ? `松开鼠标，把文件导入“${view.session.name}”` : '请先新建或打开一个会议，再拖入材料'}
            </div>
            <div className="hb-drop-hint">
              支持 Word（.docx .doc）、WPS、PDF、文本文件{transport.kind === 'ipc' ? '，也可以拖入整个文件夹' : ''}
            </div>
          </div>
        </div>
      )}
      <HelpDrawer open={help} onClose={() => setHelp(false)} current={current} hasSession={!!view} go={go} />
    </Layout>
  );
}
