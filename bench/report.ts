// Shared by the benchmark scripts: each one keeps printing its own human-readable lines and, in
// addition, one machine-readable line per figure ("##bench {json}") that bench/all.ts collects
// into the single summary table of `npm run bench`. It must never decide a figure: it only
// formats what the script measured.

export interface BenchFigure {
  /** What was measured, e.g. "sample PDF, fresh process (wall)". */
  measure: string;
  /** The measured value in `unit`. */
  value: number;
  unit: 'ms' | 's' | 'MB' | 'KB' | 'pages' | '×' | '';
  /** The issue's budget in the same unit (met when value ≤ target). */
  target?: number;
  /** Free text shown instead of a number (e.g. "161 / 55", "skipped: no chromium"). */
  text?: string;
  /** Which script measured it (filled in by bench/all.ts when missing). */
  area?: string;
}

export const BENCH_MARK = '##bench ';

/** Set by bench/all.ts: only then are the machine-readable lines printed. */
export const COLLECT_ENV = 'HUIBIAN_BENCH_COLLECT';

/** Hands one figure to bench/all.ts; a script run alone prints only its own lines. */
export function figure(f: BenchFigure): void {
  if (process.env[COLLECT_ENV] === '1') console.log(BENCH_MARK + JSON.stringify(f));
}

/** "1234 ms", "1.2 MB" … as shown in the summary table. */
export function formatValue(f: BenchFigure): string {
  if (f.text !== undefined) return f.text;
  const digits = f.unit === 'MB' ? (f.value < 10 ? 2 : 0) : f.unit === 's' ? 2 : f.unit === '×' ? 1 : 0;
  return `${f.value.toFixed(digits)}${f.unit ? ` ${f.unit}` : ''}`;
}

export function formatTarget(f: BenchFigure): string {
  return f.target === undefined ? '' : `≤ ${f.target}${f.unit ? ` ${f.unit}` : ''}`;
}

/** "yes" / "NO" / "" (no target or no number). */
export function met(f: BenchFigure): string {
  if (f.target === undefined || f.text !== undefined) return '';
  return f.value <= f.target ? 'yes' : 'NO';
}
