// `npm run bench`: measures the compile engine on this machine and prints a table.
// - sample PDF as a fresh process: an esbuild bundle of bench/compile-once.ts run with plain node
//   (no tsx transpiling at start-up, as a packaged app would run), wall time from spawn to exit;
// - sample PDF warm (second and later compiles in one process, fonts cached) and sample DOCX;
// - ~2,000 pages (the sample repeated) as a fresh process: wall time and peak RSS;
// - LibreOffice converting our DOCX to PDF, when soffice is installed, as a ratio to our PDF time.
// Medians of 5 runs (3 for the 2,000-page case, to keep the whole run near 3 minutes).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { compileDossierPdf } from '../core/compile';
import { buildDossier } from '../core/model/dossier';
import { loadFontSet } from '../core/node/fonts';
import { samplesDir } from '../core/node/paths';
import { loadSessionFolder } from '../core/node/session-folder';
import { renderDocx } from '../core/render/docx/index';
import { figure } from './report';

const root = path.resolve(import.meta.dirname, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'hb-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: [string, string, string][] = [];
const row = (what: string, value: string, target = '') => {
  rows.push([what, value, target]);
  console.error(`  ${what}: ${value}`);
};
const ms = (v: number) => `${Math.round(v)} ms`;
/** --quick: skip the ~2,000-page runs and LibreOffice (the slowest parts). */
const quick = process.argv.includes('--quick');
const area = 'compile';

console.error('bundling bench/compile-once.ts with esbuild …');
// Code splitting keeps dynamic imports lazy: without it esbuild hoists the packages of every
// lazily imported reader (pdf-lib, saxes, jschardet …) to static imports of the one file, and the
// fresh process paid ~0.2 s CPU loading modules the sample never uses.
const bundleDir = path.join(root, 'node_modules', '.cache', 'huibian-bench');
const bundle = path.join(bundleDir, 'compile-once.js');
rmSync(bundleDir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, 'bench', 'compile-once.ts')],
  outdir: bundleDir,
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'error',
});

function fresh(mode: string, out: string, extra: string[] = []) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bundle, mode, out, ...extra], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HUIBIAN_RESOURCES: path.join(root, 'resources') },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`compile-once ${mode} failed: ${r.stderr}`);
  return {
    wall,
    ...(JSON.parse(r.stdout.trim().split('\n').pop()!) as {
      startMs: number;
      loadMs: number;
      fontMs: number;
      totalMs: number;
      compileMs: number;
      pages: number;
      bytes: number;
      maxRssMB: number;
      items: number;
      cpuMs: number;
    }),
  };
}

// 1. sample, fresh process
const samplePdf = path.join(tmp, 'sample.pdf');
const freshRuns = Array.from({ length: 5 }, () => fresh('sample', samplePdf));
row('sample PDF, fresh process (wall, spawn→exit)', ms(median(freshRuns.map((r) => r.wall))), '≤ 800 ms');
row('sample PDF, fresh process (CPU of the process)', ms(median(freshRuns.map((r) => r.cpuMs))));
row('sample pages / items', `${freshRuns[0].pages} / ${freshRuns[0].items}`);
row('sample PDF size', `${(freshRuns[0].bytes / 1024 / 1024).toFixed(2)} MB`, '≤ 2 MB');
row('sample fresh peak RSS', `${Math.round(median(freshRuns.map((r) => r.maxRssMB)))} MB`);
const phase = (k: 'startMs' | 'loadMs' | 'fontMs' | 'compileMs') => median(freshRuns.map((r) => r[k]));
// Font files are read while the sources are parsed (as compileSessionFolder does): one figure.
const phases = `${ms(phase('startMs'))} / ${ms(phase('loadMs') + phase('fontMs'))} / ${ms(phase('compileMs'))}`;
row('  of which: node start-up + module loading / sources and font files / layout + render (wall)', phases);
row('sample PDF, fresh process, best of 5 (wall)', ms(Math.min(...freshRuns.map((r) => r.wall))));
figure({
  area,
  measure: 'sample PDF (55 items), fresh process, wall',
  value: median(freshRuns.map((r) => r.wall)),
  unit: 'ms',
  target: 800,
});
figure({
  area,
  measure: 'sample PDF, fresh process, CPU (all threads)',
  value: median(freshRuns.map((r) => r.cpuMs)),
  unit: 'ms',
});
figure({
  area,
  measure: '  of which: start-up+modules / sources+fonts / layout+render',
  value: 0,
  unit: 'ms',
  text: phases,
});
figure({
  area,
  measure: 'sample PDF, fresh process, best of 5 runs, wall',
  value: Math.min(...freshRuns.map((r) => r.wall)),
  unit: 'ms',
});
figure({
  area,
  measure: 'sample pages / items',
  value: freshRuns[0].pages,
  unit: '',
  text: `${freshRuns[0].pages} / ${freshRuns[0].items}`,
});
figure({ area, measure: 'sample PDF size', value: freshRuns[0].bytes / 1024 / 1024, unit: 'MB', target: 2 });
figure({
  area,
  measure: 'sample fresh peak RSS',
  value: median(freshRuns.map((r) => r.maxRssMB)),
  unit: 'MB',
  target: 500,
});

// 2. sample, warm, and DOCX, in this process
const loaded = await loadSessionFolder(path.join(samplesDir(), 'qi-culture'));
if (!loaded.ok) throw new Error(loaded.error.message);
const { session, docs } = loaded.value;
const { dossier } = buildDossier(session, docs);
const fonts = await loadFontSet(session.layout);
let first = await compileDossierPdf(dossier, fonts);
const warm: number[] = [];
const warmCpu: number[] = [];
for (let k = 0; k < 5; k++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  first = await compileDossierPdf(dossier, fonts);
  const c = process.cpuUsage(c0);
  warm.push(performance.now() - t0);
  warmCpu.push((c.user + c.system) / 1000);
}
row('sample PDF, warm (2nd+ compile in one process)', ms(median(warm)), '≤ 250 ms');
row('sample PDF, warm (CPU)', ms(median(warmCpu)));
figure({
  area,
  measure: 'sample PDF, warm (2nd+ compile in one process)',
  value: median(warm),
  unit: 'ms',
  target: 250,
});
figure({ area, measure: 'sample PDF, warm, CPU', value: median(warmCpu), unit: 'ms' });
const docxPath = path.join(tmp, 'sample.docx');
try {
  let bytes = await renderDocx(dossier, first.toc);
  const dt: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t0 = performance.now();
    bytes = await renderDocx(dossier, first.toc);
    dt.push(performance.now() - t0);
  }
  writeFileSync(docxPath, bytes);
  row('sample DOCX, warm', ms(median(dt)), '≤ 500 ms');
  row('sample DOCX size', `${Math.round(bytes.length / 1024)} KB`);
  figure({ area, measure: 'sample DOCX, warm', value: median(dt), unit: 'ms', target: 500 });
} catch (e) {
  row('sample DOCX', `failed: ${e instanceof Error ? e.message : e}`);
  figure({ area, measure: 'sample DOCX, warm', value: NaN, unit: 'ms', target: 500, text: 'failed' });
}

// 3. ~2,000 pages, fresh process
const times = Math.max(1, Math.round(2000 / first.bodyPageCount));
const bigPdf = path.join(tmp, 'big.pdf');
if (quick) {
  row('~2,000 pages', 'skipped (--quick)');
  figure({
    area,
    measure: '~2,000 pages, fresh process, wall',
    value: NaN,
    unit: 'ms',
    target: 8000,
    text: 'skipped (--quick)',
  });
} else {
  const bigRuns = Array.from({ length: 3 }, () => fresh('big', bigPdf, [String(times)]));
  row(
    `~2,000 pages (sample ×${times}: ${bigRuns[0].items} items, ${bigRuns[0].pages} pages), fresh process`,
    ms(median(bigRuns.map((r) => r.wall))),
    '≤ 8 s',
  );
  row('~2,000 pages (CPU of the process)', ms(median(bigRuns.map((r) => r.cpuMs))));
  row('~2,000 pages peak RSS', `${Math.round(Math.max(...bigRuns.map((r) => r.maxRssMB)))} MB`, '≤ 500 MB');
  row('~2,000 pages PDF size', `${(statSync(bigPdf).size / 1024 / 1024).toFixed(1)} MB`);
  figure({
    area,
    measure: `~2,000 pages (${bigRuns[0].pages} pages, ${bigRuns[0].items} items), fresh, wall`,
    value: median(bigRuns.map((r) => r.wall)),
    unit: 'ms',
    target: 8000,
  });
  figure({ area, measure: '~2,000 pages, CPU (all threads)', value: median(bigRuns.map((r) => r.cpuMs)), unit: 'ms' });
  figure({
    area,
    measure: '~2,000 pages, peak RSS',
    value: Math.max(...bigRuns.map((r) => r.maxRssMB)),
    unit: 'MB',
    target: 500,
  });
  figure({ area, measure: '~2,000 pages, PDF size', value: statSync(bigPdf).size / 1024 / 1024, unit: 'MB' });
}

// 4. LibreOffice DOCX → PDF
const soffice = quick ? { error: undefined, status: 0 } : spawnSync('soffice', ['--version'], { encoding: 'utf8' });
if (quick) row('LibreOffice DOCX → PDF', 'skipped (--quick)');
else if (soffice.error || soffice.status !== 0) {
  row('LibreOffice DOCX → PDF', 'skipped (soffice not installed)');
  figure({ area, measure: 'LibreOffice DOCX → PDF', value: NaN, unit: '', text: 'skipped (no soffice)' });
} else if (!statSafe(docxPath)) row('LibreOffice DOCX → PDF', 'skipped (no DOCX)');
else {
  const outDir = path.join(tmp, 'lo');
  const profile = `file://${path.join(tmp, 'lo-profile')}`;
  const t0 = performance.now();
  const r = spawnSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docxPath],
    { encoding: 'utf8', timeout: 170_000 },
  );
  const wall = performance.now() - t0;
  if (r.status !== 0) row('LibreOffice DOCX → PDF', `failed: ${r.stderr.slice(0, 200)}`);
  else {
    const ours = median(freshRuns.map((x) => x.wall));
    let loPages = '?';
    try {
      loPages =
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [path.join(outDir, 'sample.pdf')]).toString())?.[1] ?? '?';
    } catch {
      /* pdfinfo missing */
    }
    row('LibreOffice DOCX → PDF (one run, incl. start-up)', `${ms(wall)} = ${(wall / ours).toFixed(1)}× our fresh PDF`);
    row('LibreOffice page count of our DOCX vs our PDF', `${loPages} vs ${first.pageCount}`, '±5 %');
    figure({
      area,
      measure: 'LibreOffice DOCX → PDF (incl. start-up) / our fresh PDF',
      value: wall / ours,
      unit: '×',
      text: `${ms(wall)} = ${(wall / ours).toFixed(1)}×`,
    });
    figure({
      area,
      measure: 'LibreOffice pages of our DOCX vs our PDF (±5 %)',
      value: NaN,
      unit: '',
      text: `${loPages} vs ${first.pageCount}`,
    });
  }
}

function statSafe(p: string) {
  try {
    return statSync(p).size > 0;
  } catch {
    return false;
  }
}

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(
  `\nHuibian compile benchmark — node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()[0].toFixed(1)} (other work on this machine inflates times)`,
);
console.log(`${'measure'.padEnd(w0)}  ${'value'.padEnd(w1)}  target`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
