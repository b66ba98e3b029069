// V8 tuning for short compile processes (the CLI, the benchmark's fresh process): a larger
// interrupt budget makes V8 wait for more evidence before handing a function to its optimising
// compiler. A fresh compile is over in under a second, and with the default budget V8 spends
// ~0.3 s of CPU (on a second thread, competing on a 2-core PC) optimising code the run barely
// uses; measured on the sample: ~1.2 s → ~0.95 s CPU, and the 2,000-page compile also drops
// (3.1 → 2.8 s CPU) since its hot loops still get optimised. It must never change results: it
// only changes when V8 optimises, and it is skipped when the user set V8 flags themselves.
import v8 from 'node:v8';

/** 4 × V8's default (67,584 in Node 20). */
export const INTERRUPT_BUDGET = 270_336;

/** The same tuning as a command-line flag, for processes that take flags (Electron's js-flags). */
export const V8_JS_FLAGS = `--interrupt-budget=${INTERRUPT_BUDGET}`;

let done = false;

/** Applies the tuning once per process, as early as possible (before the engine's modules run). */
export function tuneV8ForShortRuns(): void {
  if (done) return;
  done = true;
  const userFlags = `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`;
  if (/--(interrupt-budget|no-opt|max-opt)/.test(userFlags) || process.env.HUIBIAN_NO_V8_TUNING === '1') return;
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
