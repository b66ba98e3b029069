// Page-accurate preview of a compiled PDF with pdf.js: thumbnails, pages rendered lazily as they
// scroll into view, and jump-to-page. It must never run PDF JavaScript or eval (CSP), and never
// render all pages at once (a 300-page dossier would freeze the window).
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { Button, Select, Typography } from 'antd';
import { ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { pageAtScroll } from './preview-math';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

export interface PdfViewHandle {
  jumpTo(pageIndex: number): void;
}

export interface PdfInfo {
  pageCount: number;
  labels: string[] | null;
  outline: { title: string; pageIndex: number }[];
}

let worker: pdfjs.PDFWorker | null = null;
/** Starts pdf.js's worker ahead of time (the preview screen calls it on mount). */
export function warmPdfWorker(): pdfjs.PDFWorker {
  worker ??= new pdfjs.PDFWorker();
  return worker;
}

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return pdfjs.getDocument({
    data: bytes,
    worker: warmPdfWorker(),
    isEvalSupported: false,
    enableXfa: false,
    stopAtErrors: false,
  }).promise;
}

export async function pdfInfo(doc: PDFDocumentProxy): Promise<PdfInfo> {
  const labels = await doc.getPageLabels().catch(() => null);
  const outline: PdfInfo['outline'] = [];
  const walk = async (items: Awaited<ReturnType<PDFDocumentProxy['getOutline']>> | null) => {
    for (const it of items ?? []) {
      try {
        const dest = typeof it.dest === 'string' ? await doc.getDestination(it.dest) : it.dest;
        if (dest && dest[0]) outline.push({ title: it.title, pageIndex: await doc.getPageIndex(dest[0]) });
      } catch {
        // An outline entry we cannot resolve is simply not offered as a jump target.
      }
      await walk(it.items);
    }
  };
  await walk(await doc.getOutline().catch(() => null));
  return { pageCount: doc.numPages, labels, outline };
}

function PageCanvas({
  doc,
  index,
  width,
  onVisible,
  hold,
  onDone,
}: {
  doc: PDFDocumentProxy;
  index: number;
  width: number;
  onVisible?: (i: number) => void;
  hold?: boolean;
  onDone?: () => void;
}) {
  const thumb = width <= 100;
  const ref = useRef<HTMLCanvasElement>(null);
  const holder = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  const [ratio, setRatio] = useState(297 / 210);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) {
            setShown(true);
            onVisible?.(index);
          }
        }
      },
      { rootMargin: '300px 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [index, onVisible]);

  useEffect(() => {
    if (!shown || hold) return;
    let cancelled = false;
    let task: ReturnType<Awaited<ReturnType<PDFDocumentProxy['getPage']>>['render']> | null = null;
    void doc.getPage(index + 1).then((page) => {
      if (cancelled || !ref.current) return;
      const base = page.getViewport({ scale: 1 });
      setRatio(base.height / base.width);
      const dpr = Math.min(window.devicePixelRatio || 1, 2);
      const viewport = page.getViewport({ scale: (width / base.width) * dpr });
      const canvas = ref.current;
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${width}px`;
      canvas.style.height = `${Math.floor(viewport.height / dpr)}px`;
      task = page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport });
      task.promise
        .then(() => {
          canvas.setAttribute('data-rendered', 'true');
          const w = window as unknown as { __hbFirstPageAt?: number };
          w.__hbFirstPageAt ??= performance.now();
        })
        .catch(() => {})
        .finally(() => onDone?.());
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [shown, hold, doc, index, width, onDone]);

  return (
    <div ref={holder} style={{ width, minHeight: Math.floor(width * ratio) }} data-page={index}>
      <canvas
        ref={ref}
        style={{ width, height: Math.floor(width * ratio) }}
        data-testid={thumb ? 'pdf-thumb' : 'pdf-page'}
      />
    </div>
  );
}

/** Zoom steps offered besides 适合宽度 (1 = the page at its printed size on a 96 dpi screen). */
export const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
const A4_PX = (595.28 / 72) * 96;

export const PdfView = forwardRef<PdfViewHandle, { doc: PDFDocumentProxy; labels: string[] | null }>(function PdfView(
  { doc, labels },
  ref,
) {
  const pagesRef = useRef<HTMLDivElement>(null);
  const thumbsRef = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  const [zoom, setZoom] = useState<number | 'fit'>('fit');
  const [boxWidth, setBoxWidth] = useState(0);
  const pages = Array.from({ length: doc.numPages }, (_, i) => i);
  // pdf.js's worker serves requests in order: the first page goes alone, then the thumbnails and
  // the other visible pages, so the clerk sees page 1 as soon as the PDF is open.
  const [firstFor, setFirstFor] = useState<PDFDocumentProxy | null>(null);
  const hold = firstFor !== doc;
  const firstDone = useCallback(() => setFirstFor(doc), [doc]);

  // 适合宽度 follows the pane's width (a narrow window never cuts the page off).
  useEffect(() => {
    const el = pagesRef.current;
    if (!el) return;
    let t: ReturnType<typeof setTimeout> | null = null;
    const measure = () => setBoxWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(() => {
      if (t) clearTimeout(t);
      t = setTimeout(measure, 120);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      if (t) clearTimeout(t);
    };
  }, []);
  const fitWidth = Math.max(200, Math.floor(boxWidth - 24 - 4));
  const width = zoom === 'fit' ? (boxWidth ? fitWidth : 560) : Math.round(A4_PX * zoom);
  const pct = Math.round((width / A4_PX) * 100);

  /** Scrolls only the page list (never the screen around it, so the toolbar stays in view). */
  const jumpTo = (i: number) => {
    const box = pagesRef.current;
    const el = box?.querySelector<HTMLElement>(`[data-page="${i}"]`);
    if (box && el) box.scrollTop = el.offsetTop - 12;
    setCurrent(i);
  };
  useImperativeHandle(ref, () => ({ jumpTo }));

  // The thumbnail of the page in view is marked and kept visible while the pages scroll.
  const onScroll = () => {
    const box = pagesRef.current;
    if (!box) return;
    const tops = [...box.querySelectorAll<HTMLElement>('[data-page]')].map((e) => e.offsetTop);
    const i = pageAtScroll(tops, box.scrollTop);
    if (i !== current) setCurrent(i);
  };
  useEffect(() => {
    const box = thumbsRef.current;
    const el = box?.querySelector<HTMLElement>(`[data-thumb="${current}"]`);
    if (!box || !el) return;
    if (el.offsetTop < box.scrollTop) box.scrollTop = el.offsetTop - 4;
    else if (el.offsetTop + el.offsetHeight > box.scrollTop + box.clientHeight)
      box.scrollTop = el.offsetTop + el.offsetHeight - box.clientHeight + 4;
  }, [current]);

  const stepZoom = (dir: 1 | -1) => {
    const at = width / A4_PX;
    const next = dir > 0 ? ZOOMS.find((z) => z > at + 0.01) : [...ZOOMS].reverse().find((z) => z < at - 0.01);
    if (next) setZoom(next);
  };

  return (
    <div>
      <div className="hb-pdf-toolbar" data-testid="pdf-toolbar">
        <Button
          size="small"
          icon={<ZoomOutOutlined />}
          onClick={() => stepZoom(-1)}
          disabled={width <= A4_PX * ZOOMS[0] + 1}
          aria-label="缩小"
          data-testid="zoom-out"
        />
        <Select
          size="small"
          value={zoom === 'fit' ? 'fit' : String(zoom)}
          style={{ width: 120 }}
          onChange={(v: string) => setZoom(v === 'fit' ? 'fit' : Number(v))}
          aria-label="缩放"
          data-testid="zoom"
          options={[
            { value: 'fit', label: '适合宽度' },
            ...ZOOMS.map((z) => ({ value: String(z), label: `${Math.round(z * 100)}%` })),
          ]}
        />
        <Button
          size="small"
          icon={<ZoomInOutlined />}
          onClick={() => stepZoom(1)}
          disabled={width >= A4_PX * ZOOMS[ZOOMS.length - 1] - 1}
          aria-label="放大"
          data-testid="zoom-in"
        />
        <Typography.Text type="secondary" data-testid="zoom-pct">
          {pct}%
        </Typography.Text>
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }} data-testid="page-indicator">
          第 {labels?.[current] ?? current + 1} 页（{current + 1} / {doc.numPages}）
        </Typography.Text>
      </div>
      <div style={{ display: 'flex', gap: 12 }}>
        <div
          className="hb-thumbs"
          style={{ width: 110, flex: '0 0 110px' }}
          aria-label="缩略图"
          ref={thumbsRef}
          data-testid="pdf-thumbs"
        >
          {pages.map((i) => (
            <div
              key={i}
              className="hb-thumb"
              data-thumb={i}
              data-active={i === current}
              onClick={() => jumpTo(i)}
              role="button"
              tabIndex={0}
              onKeyDown={(e) => e.key === 'Enter' && jumpTo(i)}
            >
              <PageCanvas doc={doc} index={i} width={90} hold={hold} />
              <div>{labels?.[i] ?? i + 1}</div>
            </div>
          ))}
        </div>
        <div
          className="hb-pages"
          ref={pagesRef}
          style={{ flex: 1, minWidth: 0, alignItems: width > fitWidth ? 'flex-start' : 'center' }}
          data-testid="pdf-pages"
          onScroll={onScroll}
        >
          {pages.map((i) => (
            <PageCanvas
              key={i}
              doc={doc}
              index={i}
              width={width}
              hold={i > 0 && hold}
              onDone={i === 0 ? firstDone : undefined}
            />
          ))}
        </div>
      </div>
    </div>
  );
});
