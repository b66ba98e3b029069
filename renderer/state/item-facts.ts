// Per-item facts the cards show but the session does not hold: pages (from the latest compile)
// and words (counted by the service from the imported text — submissions.list — once per source
// version, fetched in the background).
// It must never block the first paint: counts arrive after the board is on screen.
import { useEffect, useRef, useState } from 'react';
import { countWords, documentText, type SourceDoc } from '../../core/model/document';
import { useApp } from './app-state';

const wordCache = new Map<string, number>();

/** The office word count of an imported document (PDF items: their text layer). */
export function docWords(doc: SourceDoc): number {
  return countWords(doc.pdf?.text ?? documentText(doc));
}

export function useItemFacts(): { words: Map<string, number>; pages: Map<string, number>; pagesRevision?: number } {
  const app = useApp();
  const view = app.view;
  const [words, setWords] = useState<Map<string, number>>(new Map());
  const [pages, setPages] = useState<{ map: Map<string, number>; revision?: number }>({ map: new Map() });
  const gen = useRef(0);

  const subs = view?.session.submissions ?? [];
  const key = subs.map((s) => `${s.id}:${s.source.sha256 ?? s.source.file}`).join('|');
  const sessionId = view?.session.id;

  useEffect(() => {
    if (!sessionId) return;
    const my = ++gen.current;
    const keyOf = (s: { source: { sha256?: string; file: string } }) =>
      `${sessionId}:${s.source.sha256 ?? s.source.file}`;
    const publish = () => {
      if (my !== gen.current) return;
      const m = new Map<string, number>();
      for (const s of subs) {
        const n = wordCache.get(keyOf(s));
        if (n !== undefined) m.set(s.id, n);
      }
      setWords(m);
    };
    publish();
    if (subs.every((s) => wordCache.has(keyOf(s)))) return;
    // One call for every count: the service counts each source version once and caches it.
    const t = setTimeout(() => {
      void app.transport.call('submissions.list', { sessionId }).then((r) => {
        if (!r.ok) return;
        for (const s of r.value) if (s.words !== undefined) wordCache.set(keyOf(s), s.words);
        publish();
      });
    }, 150);
    return () => clearTimeout(t);
    // The key captures every source version; subs itself changes identity on every edit.
  }, [key, sessionId, app.transport]);

  useEffect(() => {
    if (!sessionId) return;
    const take = (
      job: {
        revision: number;
        state: string;
        result?: { items: { submissionId: string; pageCount: number }[] };
      } | null,
    ) => {
      if (job?.state === 'done' && job.result)
        setPages({ map: new Map(job.result.items.map((x) => [x.submissionId, x.pageCount])), revision: job.revision });
    };
    void app.transport.call('compile.status', { sessionId }).then((r) => r.ok && take(r.value));
    // A compile finishing elsewhere (preview screen, another window) updates the page counts.
    return app.transport.on('compile.progress', (job) => job.sessionId === sessionId && take(job));
  }, [sessionId, app.transport]);

  return { words, pages: pages.map, pagesRevision: pages.revision };
}
