// Page-accurate preview of a compiled PDF with pdf.js: thumbnails, pages rendered lazily as they
// scroll into view, and jump-to-page. It must never run PDF JavaScript or eval (CSP), and never
// render all pages at once (a 300-page dossier would freeze the window).
import { forwardRef, useCallback, useEffect, useImperativeHandle, useRef, useState } from 'react';
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PDFDocumentProxy } from 'pdfjs-dist';

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
  return pdfjs.getDocument({ data: bytes, worker: warmPdfWorker(), isEvalSupported: false, enableXfa: false, stopAtErrors: false }).promise;
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

function PageCanvas({ doc, index, width, onVisible, hold, onDone }: { doc: PDFDocumentProxy; index: number; width: number; onVisible?: (i: number) => void; hold?: boolean; onDone?: () => void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const holder = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(false);
  const [ratio, setRatio] = useState(297 / 210);

  useEffect(() => {
    const el = holder.current;
    if (!el) return;
    const io = new IntersectionObserver((entries) => {
      for (const e of entries) {
        if (e.isIntersecting) {
          setShown(true);
          onVisible?.(index);
        }
      }
    }, { rootMargin: '300px 0px' });
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
      <canvas ref={ref} style={{ width, height: Math.floor(width * ratio) }} data-testid={width > 200 ? 'pdf-page' : 'pdf-thumb'} />
    </div>
  );
}

export const PdfView = forwardRef<PdfViewHandle, { doc: PDFDocumentProxy; labels: string[] | null }>(function PdfView({ doc, labels }, ref) {
  const pagesRef = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  const pages = Array.from({ length: doc.numPages }, (_, i) => i);
  // pdf.js's worker serves requests in order: the first page goes alone, then the thumbnails and
  // the other visible pages, so the clerk sees page 1 as soon as the PDF is open.
  const [firstFor, setFirstFor] = useState<PDFDocumentProxy | null>(null);
  const hold = firstFor !== doc;
  const firstDone = useCallback(() => setFirstFor(doc), [doc]);

  const jumpTo = (i: number) => {
    const el = pagesRef.current?.querySelector(`[data-page="${i}"]`);
    el?.scrollIntoView({ block: 'start' });
    setCurrent(i);
  };
  useImperativeHandle(ref, () => ({ jumpTo }));

  return (
    <div style={{ display: 'flex', gap: 12 }}>
      <div className="hb-thumbs" style={{ width: 110 }} aria-label="缩略图">
        {pages.map((i) => (
          <div key={i} className="hb-thumb" data-active={i === current} onClick={() => jumpTo(i)} role="button" tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && jumpTo(i)}>
            <PageCanvas doc={doc} index={i} width={90} hold={hold} />
            <div>{labels?.[i] ?? i + 1}</div>
          </div>
        ))}
      </div>
      <div className="hb-pages" ref={pagesRef} style={{ flex: 1 }} data-testid="pdf-pages">
        {pages.map((i) => (
          <PageCanvas key={i} doc={doc} index={i} width={560} hold={i > 0 && hold} onDone={i === 0 ? firstDone : undefined} />
        ))}
      </div>
    </div>
  );
});
