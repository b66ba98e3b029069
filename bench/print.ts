// Benchmark for print production on the sample session (resources/samples/qi-culture):
// 100 numbered copies (target ≤ 20 s, compile included) in one file and one file per copy, and a
// saddle-stitch booklet (target ≤ 2 s for the imposition; compile shown separately).
// The whole export runs the one print path, as `huibian export` does (export.print over the session
// folder's client, on a copy of the sample); the stamping and imposition figures call the pure print
// functions on one compile. Run: npx tsx bench/print.ts [outDir]. Prints figures; exits 1 if a
// target is missed.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withFolderClient } from '../cli/local-client';
import { loadFontSet } from '../core/node/fonts';
import { samplesDir } from '../core/node/paths';
import { loadSessionFolder } from '../core/node/session-folder';
import { duplexLayout } from '../core/print/binding';
import { FormLibrary } from '../core/print/compose';
import { imposeBooklet } from '../core/print/imposition';
import { eachNumberedCopy, numberedCopiesPdf, planCopies } from '../core/print/numbered-copies';
import { compileVariant, variantSession } from '../core/print/products';
import { figure } from './report';

const sample = path.join(samplesDir(), 'qi-culture');
const outDir = process.argv[2] ?? mkdtempSync(path.join(os.tmpdir(), 'hb-bench-print-'));
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
let failed = false;
const target = (label: string, ms: number, limit: number) => {
  figure({ area: 'print', measure: label, value: ms / 1000, unit: 's', target: limit / 1000 });
  const okay = ms <= limit;
  if (!okay) failed = true;
  console.log(`${okay ? '✓' : '✗'} ${label}: ${s(ms)} (target ≤ ${s(limit)})`);
};

const loaded = await loadSessionFolder(sample);
if (!loaded.ok) {
  console.error(loaded.error.message);
  process.exit(1);
}
const { session, docs } = loaded.value;
const fonts = await loadFontSet(session.layout); // cached per process; loaded outside the timings

// 1. The whole export as the CLI runs it: open the folder, compile + 100 numbered copies in one file.
const folder = path.join(outDir, 'session');
cpSync(sample, folder, { recursive: true }); // the repository's sample stays untouched
let t = performance.now();
const run = await withFolderClient(folder, { printer: true }, (client, sessionId) =>
  client.call('export.print', {
    sessionId,
    as: 'copies',
    copies: 100,
    targetPath: path.join(outDir, 'copies-100.pdf'),
  }),
);
const all = run.ok ? run.value : run;
if (!all.ok) throw new Error(all.error.message);
const allMs = performance.now() - t;
const perCopy = all.value.report.pages;
target(
  `100 numbered copies, one file (compile included; ${perCopy} pages × 100 = ${perCopy * 100} pages, ${mb(all.value.files[0].size)})`,
  allMs,
  20_000,
);

// 2. Stamping only, from an existing compile: one file, and one file per copy.
const compiled = await compileVariant(variantSession(session, session.layout), docs, [], fonts);
const lib = await FormLibrary.load(compiled.pdf);
const copies = planCopies({ count: 100, recipients: session.members.map((m) => m.name) });
t = performance.now();
const one = await numberedCopiesPdf(lib, copies, {
  layout: session.layout,
  font: fonts.roles.song.font,
  recipientMark: 'footer',
});
console.log(`  stamping 100 copies with recipients into one file: ${s(performance.now() - t)} (${mb(one.length)})`);
t = performance.now();
let bytes = 0;
await eachNumberedCopy(
  lib,
  copies,
  { layout: session.layout, font: fonts.roles.song.font, recipientMark: 'footer' },
  (_c, b) => {
    bytes += b.length;
  },
);
const perMs = performance.now() - t;
target(`100 numbered copies, one file per copy (stamping, ${mb(bytes)} in all)`, perMs, 20_000);

// 3. Booklet: duplex compile, then imposition on A3.
t = performance.now();
const duplexSession = variantSession(session, duplexLayout(session.layout));
const duplex = await compileVariant(duplexSession, docs, [], await loadFontSet(duplexSession.layout));
const compileMs = performance.now() - t;
t = performance.now();
const booklet = await imposeBooklet(duplex.pdf, { creepMm: 0.1 });
const bookletMs = performance.now() - t;
target(
  `booklet imposition (${duplex.pageCount} pages → ${booklet.sheets.length} A3 sheets, ${mb(booklet.pdf.length)})`,
  bookletMs,
  2_000,
);
console.log(`  duplex compile before it: ${s(compileMs)}; compile + imposition: ${s(compileMs + bookletMs)}`);
figure({
  area: 'print',
  measure: 'booklet: duplex compile + imposition',
  value: (compileMs + bookletMs) / 1000,
  unit: 's',
});
console.log(`  peak RSS ${mb(process.memoryUsage().rss)}`);
if (!process.argv[2]) rmSync(outDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
