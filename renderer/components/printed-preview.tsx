// What will be printed for one item, from the same function the writers use (core/model/
// printed-body): title, subtitle, byline and date line as the house style prints them, then the
// printed body. The clerk moves paragraphs between body and front matter here: a recognised line
// goes back into the body, a leading / trailing body paragraph is left out of print (or used as the
// subtitle / byline / date line). Each is one submissions.update (one Ctrl+Z step). A PDF item
// shows its pages, as they are inserted.
import { useEffect, useRef, useState } from 'react';
import { Button, Dropdown, Empty, Tag, Tooltip, Typography } from 'antd';
import { MoreOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import type { SubmissionPatch } from '../../core/contract';
import { inlineText, type Block, type SourceDoc } from '../../core/model/document';
import { omittedParts, printedParts, type BodyEdits } from '../../core/model/printed-body';
import type { Submission } from '../../core/model/session';
import { useApp } from '../state/app-state';
import { BlockView } from './block-view';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdf } from './pdf-view';

const ROLE_NAMES: Record<string, string> = {
  label: '标签行',
  title: '标题',
  subtitle: '副标题',
  byline: '署名',
  date: '日期',
  signature: '文末署名',
};

/** One row of the "not printed" list (front-matter lines and left-out paragraphs alike). */
const LEFT_OUT_ROW = {
  display: 'flex',
  gap: 8,
  alignItems: 'baseline',
  padding: '3px 0',
  borderBottom: '1px dashed #eee',
} as const;
const blockText = (b: Block) => (b.type === 'paragraph' || b.type === 'heading' ? inlineText(b.inlines) : '');

/** One page of a PDF submission drawn with pdf.js. */
function PdfPageCanvas({ pdf, index }: { pdf: PDFDocumentProxy; index: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let task: { cancel(): void; promise: Promise<unknown> } | null = null;
    let live = true;
    void (async () => {
      const page = await pdf.getPage(index + 1);
      const canvas = ref.current;
      if (!live || !canvas) return;
      const vp = page.getViewport({ scale: 400 / page.getViewport({ scale: 1 }).width });
      canvas.width = Math.floor(vp.width);
      canvas.height = Math.floor(vp.height);
      task = page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport: vp });
      await task.promise;
    })().catch(() => undefined);
    return () => {
      live = false;
      task?.cancel();
    };
  }, [pdf, index]);
  return (
    <canvas
      ref={ref}
      data-page={index + 1}
      style={{ width: 400, maxWidth: '100%', background: '#fff', boxShadow: '0 1px 4px rgba(0,0,0,.3)' }}
    />
  );
}

/** The pages of a PDF submission (the first 30), as they are inserted into the dossier. */
function PdfPages({ data }: { data: string }) {
  const [pdf, setPdf] = useState<PDFDocumentProxy | null | 'failed'>(null);
  useEffect(() => {
    let live = true;
    openPdf(Uint8Array.from(atob(data), (c) => c.charCodeAt(0))).then(
      (d) => live && setPdf(d),
      () => live && setPdf('failed'),
    );
    return () => {
      live = false;
    };
  }, [data]);
  if (pdf === 'failed') return <Empty description="无法显示这份 PDF。" />;
  if (!pdf) return null;
  const shown = Math.min(pdf.numPages, 30);
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        gap: 8,
        background: '#e8e8e8',
        padding: 8,
      }}
      data-testid="pdf-item-pages"
    >
      {Array.from({ length: shown }, (_, i) => (
        <PdfPageCanvas key={i} pdf={pdf} index={i} />
      ))}
      {pdf.numPages > shown && (
        <Typography.Text type="secondary">
          （共 {pdf.numPages} 页，此处显示前 {shown} 页）
        </Typography.Text>
      )}
    </div>
  );
}

export function PrintedPreview({ sub, doc }: { sub: Submission; doc: SourceDoc }) {
  const app = useApp();
  const ro = !!app.view?.readOnly;
  if (doc.pdf) {
    return (
      <div>
        <Typography.Paragraph type="secondary">
          PDF 材料按原样插入汇编（{doc.pdf.pageCount} 页），不另印标题和署名。
        </Typography.Paragraph>
        <PdfPages data={doc.pdf.data} />
      </div>
    );
  }
  const edits: BodyEdits = sub.bodyEdits ?? { restore: [], omitHead: 0, omitTail: 0 };
  const fm = doc.frontMatter ?? [];
  const parts = printedParts(doc, edits);
  const omitted = omittedParts(doc, edits);
  const bodyIdx = parts.filter((p) => p.origin.kind === 'body').map((p) => p.origin.index);
  const firstBody = bodyIdx[0];
  const lastBody = bodyIdx[bodyIdx.length - 1];
  const save = (patch: SubmissionPatch) => void app.edit('submissions.update', { submissionId: sub.id, patch });
  const withEdits = (e: Partial<BodyEdits>) => ({ bodyEdits: { ...edits, ...e } });
  const restored = new Set(edits.restore);
  const notPrinted = fm.map((line, index) => ({ line, index })).filter((x) => !restored.has(x.index));

  /** The menu of a leading / trailing body paragraph: leave it out, or use it as front matter. */
  const edgeMenu = (index: number, at: 'head' | 'tail', text: string) => {
    const omit = at === 'head' ? { omitHead: index + 1 } : { omitTail: doc.blocks.length - index };
    const use = (field: 'subtitle' | 'authorLine' | 'dateLine') => save({ [field]: text.trim(), ...withEdits(omit) });
    return {
      items: [
        { key: 'omit', icon: <StopOutlined />, label: '不印此段' },
        { key: 'subtitle', label: '用作副标题（不再作为正文）' },
        { key: 'authorLine', label: '用作署名（不再作为正文）' },
        { key: 'dateLine', label: '用作日期行（不再作为正文）' },
      ],
      onClick: ({ key }: { key: string }) =>
        key === 'omit' ? save(withEdits(omit)) : use(key as 'subtitle' | 'authorLine' | 'dateLine'),
    };
  };

  return (
    <div>
      <div className="hb-doc-preview" data-testid="printed-preview" style={{ maxHeight: 'none' }}>
        <h2 style={{ textAlign: 'center', whiteSpace: 'pre-line', margin: '0 0 8px' }}>{sub.title}</h2>
        {sub.subtitle && (
          <p
            style={{ textAlign: 'center', fontFamily: 'KaiTi, STKaiti, serif', margin: '0 0 6px' }}
            data-testid="printed-subtitle"
          >
            {sub.subtitle}
          </p>
        )}
        {sub.authorLine && (
          <p
            style={{ textAlign: 'center', fontFamily: 'KaiTi, STKaiti, serif', margin: '0 0 6px' }}
            data-testid="printed-byline"
          >
            {sub.authorLine}
          </p>
        )}
        {sub.dateLine && (
          <p style={{ textAlign: 'center', fontFamily: 'KaiTi, STKaiti, serif', margin: '0 0 6px' }}>{sub.dateLine}</p>
        )}
        <div style={{ height: 12 }} />
        {parts.map((p, i) => {
          const edge = p.origin.kind === 'body' && (p.origin.index === firstBody || p.origin.index === lastBody);
          const at = p.origin.kind === 'body' && p.origin.index === firstBody ? 'head' : 'tail';
          return (
            <div
              key={i}
              className="hb-printed-part"
              data-origin={p.origin.kind}
              data-testid="printed-part"
              style={{ position: 'relative', paddingRight: 28 }}
            >
              <BlockView b={p.block} doc={doc} />
              {p.origin.kind === 'front' && (
                <Tooltip title="这一行是导入时识别出的题头信息，已放回正文。点此重新移出正文。">
                  <Button
                    size="small"
                    type="text"
                    disabled={ro}
                    icon={<RollbackOutlined />}
                    aria-label="移出正文"
                    data-testid="unrestore"
                    style={{ position: 'absolute', right: 0, top: 0 }}
                    onClick={() => {
                      const idx = (p.origin as { index: number }).index;
                      save(withEdits({ restore: edits.restore.filter((x) => x !== idx) }));
                    }}
                  />
                </Tooltip>
              )}
              {edge && !ro && (
                <Dropdown trigger={['click']} menu={edgeMenu(p.origin.index, at, blockText(p.block))}>
                  <Button
                    size="small"
                    type="text"
                    icon={<MoreOutlined />}
                    aria-label={at === 'head' ? '正文第一段的操作' : '正文最后一段的操作'}
                    data-testid={`edge-${at}`}
                    style={{ position: 'absolute', right: 0, top: 0 }}
                  />
                </Dropdown>
              )}
            </div>
          );
        })}
        {parts.length === 0 && <Empty description="没有要印出的正文。" />}
      </div>
      {(notPrinted.length > 0 || omitted.length > 0) && (
        <div style={{ marginTop: 12 }} data-testid="not-printed">
          <Typography.Text strong>不作为正文印出的段落</Typography.Text>
          <ul style={{ paddingLeft: 0, listStyle: 'none', margin: '6px 0 0' }}>
            {notPrinted.map(({ line, index }) => (
              <li key={`f${index}`} style={LEFT_OUT_ROW} data-testid="front-line">
                <Tag color={line.confidence < 0.7 ? 'warning' : 'default'}>
                  {ROLE_NAMES[line.role] ?? line.role}
                  {line.confidence < 0.7 ? '（不确定）' : ''}
                </Tag>
                <span style={{ flex: 1, overflowWrap: 'anywhere' }}>{line.text}</span>
                <Button
                  size="small"
                  disabled={ro}
                  onClick={() => save(withEdits({ restore: [...edits.restore, index] }))}
                  data-testid="restore-line"
                >
                  放回正文
                </Button>
              </li>
            ))}
            {omitted.map((o) => {
              // Only the paragraph next to the printed body can come back (the left-out runs stay contiguous).
              const nearest =
                o.at === 'head' ? o.index === edits.omitHead - 1 : o.index === doc.blocks.length - edits.omitTail;
              return (
                <li key={`b${o.index}`} style={LEFT_OUT_ROW} data-testid="omitted-block">
                  <Tag>{o.at === 'head' ? '正文开头，不印' : '正文末尾，不印'}</Tag>
                  <span style={{ flex: 1, overflowWrap: 'anywhere', color: '#888' }}>
                    {blockText(o.block) || `[${o.block.type}]`}
                  </span>
                  {nearest && (
                    <Button
                      size="small"
                      disabled={ro}
                      data-testid="unomit"
                      onClick={() =>
                        save(
                          withEdits(
                            o.at === 'head' ? { omitHead: o.index } : { omitTail: doc.blocks.length - o.index - 1 },
                          ),
                        )
                      }
                    >
                      恢复印出
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </div>
  );
}
