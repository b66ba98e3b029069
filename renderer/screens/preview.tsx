// 预览与生成: preflight checks, compile with a progress bar and cancel, a page-accurate PDF preview
// (pdf.js) with thumbnails and jump-to-item, and export of PDF and DOCX. It must never show a
// preview of an older revision as if it were current: the revision compiled is always stated.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Col,
  Empty,
  Grid,
  InputNumber,
  List,
  Progress,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import {
  BookOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  FolderOpenOutlined,
  PlayCircleOutlined,
  PrinterOutlined,
  StopOutlined,
} from '@ant-design/icons';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { CompileJob, OutputFile } from '../../core/contract';
import { sectionItems } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { useItemFacts } from '../state/item-facts';
import { openPdf, pdfInfo, PdfView, warmPdfWorker, type PdfInfo, type PdfViewHandle } from '../components/pdf-view';
import { PrintDialog } from '../components/print-dialog';
import { compilePercent } from '../components/preview-math';
import { saveBlob } from '../components/save-blob';
import { layoutWarnings } from '../../core/model/settings-check';

const RUNNING = new Set(['queued', 'running']);

export function PreviewScreen() {
  const app = useApp();
  const { message } = AntApp.useApp();
  const view = app.view!;
  const s = view.session;
  const facts = useItemFacts();
  const [job, setJob] = useState<CompileJob | null>(null);
  const [pdf, setPdf] = useState<{ doc: PDFDocumentProxy; info: PdfInfo; file: OutputFile } | null>(null);
  const [limit, setLimit] = useState(5000);
  const [exporting, setExporting] = useState<string | null>(null);
  const [printOpen, setPrintOpen] = useState(false);
  const viewer = useRef<PdfViewHandle>(null);
  const loadedFor = useRef<string | null>(null);

  const loadPdf = useCallback(
    async (j: CompileJob) => {
      const file = j.result?.pdf;
      if (!file || loadedFor.current === j.jobId) return;
      loadedFor.current = j.jobId;
      const bytes = await app.transport.fetchOutput(file);
      if (!bytes.ok) return app.showError(bytes.error);
      try {
        const doc = await openPdf(bytes.value);
        // Pages first; labels and outline (many worker round trips) follow.
        setPdf({ doc, info: { pageCount: doc.numPages, labels: null, outline: [] }, file });
        const info = await pdfInfo(doc);
        setPdf((cur) => (cur?.doc === doc ? { ...cur, info } : cur));
      } catch (e) {
        app.showError({ code: 'preview.failed', message: `无法显示生成的 PDF：${String(e)}` });
      }
    },
    [app],
  );

  const track = useCallback(
    (j: CompileJob) => {
      setJob((cur) => (cur && cur.jobId === j.jobId && !RUNNING.has(cur.state) && RUNNING.has(j.state) ? cur : j));
      if (j.state === 'done') void loadPdf(j);
      if (j.state === 'failed' && j.error) app.showError(j.error);
    },
    [app, loadPdf],
  );

  useEffect(() => {
    warmPdfWorker();
  }, []);

  useEffect(() => {
    void app.transport.call('compile.status', { sessionId: s.id }).then((r) => r.ok && r.value && track(r.value));
  }, [app.transport, s.id, track]);

  useEffect(
    () => app.transport.on('compile.progress', (j) => j.sessionId === s.id && track(j)),
    [app.transport, s.id, track],
  );

  // Events can be lost (a sleeping laptop, a proxy); poll while a job runs.
  useEffect(() => {
    if (!job || !RUNNING.has(job.state)) return;
    const t = setInterval(() => {
      void app.transport.call('compile.status', { jobId: job.jobId }).then((r) => r.ok && r.value && track(r.value));
    }, 400);
    return () => clearInterval(t);
  }, [job, app.transport, track]);

  const start = async () => {
    const marks = window as unknown as { __hbCompileAt?: number; __hbFirstPageAt?: number };
    marks.__hbCompileAt = performance.now();
    marks.__hbFirstPageAt = undefined;
    const r = await app.call('compile.start', { sessionId: s.id, formats: ['pdf'] });
    if (r.ok) track(r.value);
  };
  const cancel = async () => {
    if (!job) return;
    const r = await app.call('compile.cancel', { jobId: job.jobId });
    if (r.ok) {
      track(r.value);
      message.info('已取消生成。');
    }
  };

  const exportFile = async (kind: 'pdf' | 'docx') => {
    setExporting(kind);
    try {
      const name = `${s.name}${s.bookTitle ? `·${s.bookTitle}` : ''}.${kind}`;
      const native = app.transport.native;
      let targetPath: string | undefined;
      if (native) {
        const p = await native.pickSavePath({ defaultName: name, extensions: [kind] });
        if (!p.ok || !p.value) return;
        targetPath = p.value;
      }
      const r = await app.call(kind === 'pdf' ? 'export.pdf' : 'export.docx', { sessionId: s.id, targetPath });
      if (!r.ok) return;
      if (native) {
        message.success({
          content: (
            <span>
              已保存到 {r.value.path}{' '}
              <a onClick={() => r.value.path && void native.openFolder(r.value.path)}>打开所在文件夹</a>
            </span>
          ),
          duration: 8,
        });
      } else {
        const bytes = await app.transport.fetchOutput(r.value);
        if (!bytes.ok) return app.showError(bytes.error);
        saveBlob(
          bytes.value,
          name,
          kind === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        );
        message.success(`已导出 ${kind.toUpperCase()}（${(r.value.size / 1024).toFixed(0)} KB）。`);
      }
    } finally {
      setExporting(null);
    }
  };

  /**
   * 打印…: the desktop app shows the system print dialog (or opens the system viewer when it
   * cannot); the browser prints the PDF through its own PDF viewer in a hidden frame.
   */
  const print = async () => {
    if (!pdf) return;
    const native = app.transport.native;
    if (native && pdf.file.path) {
      const r = await native.printPdf(pdf.file.path);
      if (!r.ok) return app.showError(r.error);
      if (r.value === 'system-viewer')
        message.info({ content: '已用系统的 PDF 阅读器打开汇编，请在阅读器中选择“打印”。', duration: 8 });
      return;
    }
    const bytes = await app.transport.fetchOutput(pdf.file);
    if (!bytes.ok) return app.showError(bytes.error);
    const url = URL.createObjectURL(new Blob([bytes.value as BlobPart], { type: 'application/pdf' }));
    document.querySelectorAll('iframe[data-testid=print-frame]').forEach((f) => f.remove());
    const frame = document.createElement('iframe');
    frame.setAttribute('data-testid', 'print-frame');
    frame.style.cssText = 'position:fixed;right:0;bottom:0;width:1px;height:1px;border:0;opacity:0';
    frame.src = url;
    frame.onload = () => {
      try {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
      } catch {
        // A browser that cannot print a PDF frame: open the PDF; its viewer has a print button.
        window.open(url, '_blank');
      }
    };
    document.body.appendChild(frame);
    message.info({ content: '正在打开打印对话框；如果没有出现，请在新打开的 PDF 中点“打印”。', duration: 5 });
    setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
  };

  // Preflight: what a clerk must fix or accept before printing.
  const preflight = useMemo(() => {
    const out: { level: 'error' | 'warning'; text: string; itemId?: string }[] = [];
    for (const sec of s.sections) {
      for (const it of sectionItems(s, sec)) {
        if (!it.authorLine.trim()) out.push({ level: 'warning', text: `《${it.title}》没有署名`, itemId: it.id });
        const w = facts.words.get(it.id);
        if (w === 0) out.push({ level: 'error', text: `《${it.title}》没有正文`, itemId: it.id });
        else if (w !== undefined && w > limit)
          out.push({
            level: 'warning',
            text: `《${it.title}》${w.toLocaleString('zh-CN')} 字，超过 ${limit.toLocaleString('zh-CN')} 字`,
            itemId: it.id,
          });
        if (it.status === 'review') out.push({ level: 'warning', text: `《${it.title}》尚待核对`, itemId: it.id });
      }
      if (sec.items.length === 0) out.push({ level: 'warning', text: `栏目“${sec.title}”是空的` });
    }
    // Layout problems (issue 13): named before compiling; the compile repeats them, shown once.
    for (const w of layoutWarnings(s))
      out.push({ level: w.code === 'layout.invalid' ? 'error' : 'warning', text: w.message });
    for (const w of job?.result?.warnings ?? [])
      if (!w.code.startsWith('layout.')) out.push({ level: 'warning', text: w.message });
    return out;
  }, [s, facts.words, limit, job]);

  const jumpTargets = useMemo(() => {
    if (!pdf || !job?.result) return [];
    const byId = new Map(s.submissions.map((x) => [x.id, x]));
    return job.result.items.map((it) => {
      const sub = byId.get(it.submissionId);
      const title = sub?.title ?? it.submissionId;
      const fromOutline = pdf.info.outline.find((o) => o.title.includes(title) || title.includes(o.title));
      const fromLabel = pdf.info.labels?.indexOf(String(it.startPage)) ?? -1;
      const pageIndex = fromOutline?.pageIndex ?? (fromLabel >= 0 ? fromLabel : it.startPage - 1);
      return {
        id: it.submissionId,
        title,
        author: sub?.authorLine ?? '',
        startPage: it.startPage,
        pages: it.pageCount,
        pageIndex,
      };
    });
  }, [pdf, job, s.submissions]);

  const running = !!job && RUNNING.has(job.state);
  const pct = job ? compilePercent(job) : 0;
  const stale = job?.state === 'done' && job.revision !== view.revision;
  const wide = Grid.useBreakpoint().xl !== false;
  const side = wide ? 300 : 240;

  return (
    <div>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          预览与生成
        </Typography.Title>
        {!running ? (
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            onClick={() => void start()}
            data-testid="compile"
            disabled={s.sections.every((x) => x.items.length === 0)}
          >
            生成汇编
          </Button>
        ) : (
          <Button danger icon={<StopOutlined />} onClick={() => void cancel()} data-testid="cancel">
            取消
          </Button>
        )}
        <Button
          icon={<FilePdfOutlined />}
          loading={exporting === 'pdf'}
          onClick={() => void exportFile('pdf')}
          data-testid="export-pdf"
        >
          导出 PDF
        </Button>
        <Button
          icon={<FileWordOutlined />}
          loading={exporting === 'docx'}
          onClick={() => void exportFile('docx')}
          data-testid="export-docx"
        >
          导出 Word
        </Button>
        <Button
          icon={<BookOutlined />}
          onClick={() => setPrintOpen(true)}
          data-testid="print-open"
          disabled={s.sections.every((x) => x.items.length === 0)}
        >
          印刷与分发…
        </Button>
        <Button icon={<PrinterOutlined />} disabled={!pdf} onClick={() => void print()} data-testid="print-pdf">
          打印…
        </Button>
        {app.transport.native && pdf?.file.path && (
          <Button icon={<FolderOpenOutlined />} onClick={() => void app.transport.native!.openFolder(pdf.file.path!)}>
            打开输出文件夹
          </Button>
        )}
      </Space>
      {job && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="compile-progress">
          <Space style={{ width: '100%' }} direction="vertical" size={2}>
            <Progress
              percent={pct}
              status={
                job.state === 'failed'
                  ? 'exception'
                  : job.state === 'done'
                    ? 'success'
                    : job.state === 'cancelled'
                      ? 'normal'
                      : 'active'
              }
            />
            <Typography.Text type="secondary" data-testid="compile-state" data-state={job.state}>
              {job.state === 'done'
                ? `已生成：共 ${job.result?.pageCount ?? pdf?.info.pageCount ?? '?'} 页，用时 ${((job.result?.durationMs ?? 0) / 1000).toFixed(1)} 秒${stale ? '（此后又有改动，请重新生成）' : ''}`
                : job.state === 'failed'
                  ? `生成失败：${job.error?.message ?? ''}`
                  : job.state === 'cancelled'
                    ? '已取消'
                    : job.progress.message || '正在准备…'}
            </Typography.Text>
          </Space>
        </Card>
      )}
      {printOpen && <PrintDialog open={printOpen} onClose={() => setPrintOpen(false)} />}
      <Row gutter={16} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {pdf ? (
            <PdfView ref={viewer} doc={pdf.doc} labels={pdf.info.labels} key={pdf.file.url + loadedFor.current} />
          ) : (
            <Card>
              <Empty
                description={
                  running ? '正在生成，完成后在这里显示每一页。' : '点击“生成汇编”，在这里逐页查看将要印刷的效果。'
                }
              />
            </Card>
          )}
        </Col>
        {/* The side column fits the window and scrolls inside itself, so using it never scrolls the
            screen (and the toolbar) away. */}
        <Col
          flex={`${side}px`}
          style={{
            minWidth: 0,
            position: 'sticky',
            top: 0,
            alignSelf: 'flex-start',
            maxHeight: 'calc(100vh - 230px)',
            display: 'flex',
            flexDirection: 'column',
          }}
        >
          <Card
            size="small"
            title={`印前检查（${preflight.length}）`}
            extra={
              <Space size={4}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  篇幅上限
                </Typography.Text>
                <InputNumber
                  size="small"
                  min={500}
                  step={500}
                  value={limit}
                  onChange={(v) => setLimit(v ?? 5000)}
                  style={{ width: 80 }}
                />
              </Space>
            }
            data-testid="preflight"
          >
            {preflight.length === 0 ? (
              <Alert type="success" showIcon title="没有发现问题" />
            ) : (
              <List
                size="small"
                dataSource={preflight}
                style={{ maxHeight: 'min(260px, 25vh)', overflow: 'auto' }}
                renderItem={(p) => (
                  <List.Item style={{ padding: '4px 0' }}>
                    <Tag color={p.level === 'error' ? 'error' : 'warning'}>{p.level === 'error' ? '问题' : '提醒'}</Tag>
                    {p.itemId ? <a onClick={() => app.go('item', p.itemId)}>{p.text}</a> : p.text}
                  </List.Item>
                )}
              />
            )}
          </Card>
          {jumpTargets.length > 0 && (
            <Card
              size="small"
              title="跳到材料"
              style={{ marginTop: 12, flex: '1 1 auto', minHeight: 0, display: 'flex', flexDirection: 'column' }}
              styles={{ body: { flex: '1 1 auto', minHeight: 0, display: 'flex', flexDirection: 'column' } }}
            >
              <Select
                showSearch
                style={{ width: '100%' }}
                placeholder="输入标题或作者"
                optionFilterProp="label"
                data-testid="jump"
                options={jumpTargets.map((t) => ({
                  value: t.pageIndex,
                  label: `${t.title} ${t.author}（第 ${t.startPage} 页）`,
                }))}
                onChange={(i: number) => viewer.current?.jumpTo(i)}
              />
              <List
                size="small"
                style={{ flex: '1 1 auto', minHeight: 120, overflow: 'auto', marginTop: 8 }}
                dataSource={jumpTargets}
                renderItem={(t) => (
                  <List.Item
                    style={{ padding: '3px 0', cursor: 'pointer' }}
                    onClick={() => viewer.current?.jumpTo(t.pageIndex)}
                  >
                    <Typography.Text ellipsis style={{ maxWidth: side - 90 }}>
                      {t.title}
                    </Typography.Text>
                    <Typography.Text type="secondary">{t.startPage}</Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
