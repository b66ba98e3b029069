// Small pure helpers of the preview: which page is in view while the pages scroll, and one
// progress figure for a compile whose phases (reading, layout, writing) each count from zero.
import type { CompileJob } from '../../core/contract';

/** The index of the page at the top of a scrolled list of page boxes (offsets relative to the list). */
export function pageAtScroll(tops: number[], scrollTop: number): number {
  let i = 0;
  while (i + 1 < tops.length && tops[i + 1] <= scrollTop + 40) i++;
  return i;
}

/** One bar for the whole compile: reading the sources 0–30 %, layout 30–70 %, writing the PDF 70–100 %. */
export function compilePercent(job: Pick<CompileJob, 'state' | 'progress'>): number {
  if (job.state === 'done') return 100;
  const { phase, done, total } = job.progress;
  const f = total ? Math.min(1, done / total) : 0;
  const [from, span] =
    phase === 'read'
      ? [0, 30]
      : phase === 'layout'
        ? [30, 40]
        : phase === 'render' || phase === 'write'
          ? [70, 30]
          : [0, 100];
  return Math.floor(from + span * f);
}
