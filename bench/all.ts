// `npm run bench`: every performance figure the issues ask for, in one run and one table. Runs
// each benchmark script in its own process, one after the other (the machine has 2 cores: never
// in parallel), streams its own lines to stderr, collects its "##bench" figures and prints ONE
// summary table (area, measure, value, target, met?). Each script stays runnable alone.
// `npm run bench -- --quick` skips the slowest parts (the ~2,000-page compile, LibreOffice, the
// 100 numbered copies). `--only compile,store` runs a subset. It never hides a failed script:
// its row says so and the exit code is non-zero.
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { BENCH_MARK, COLLECT_ENV, formatTarget, formatValue, met, type BenchFigure } from './report';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyArg =
  argv.find((a) => a.startsWith('--only='))?.slice(7) ??
  (argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined);
const only = onlyArg ? new Set(onlyArg.split(',')) : undefined;

interface Script {
  area: string;
  file: string;
  args?: string[];
  /** Skipped by --quick. */
  slow?: boolean;
}
const SCRIPTS: Script[] = [
  { area: 'compile', file: 'run.ts', args: quick ? ['--quick'] : [] },
  { area: 'import', file: 'import.ts' },
  { area: 'store', file: 'store.ts' },
  { area: 'ordering', file: 'order.ts' },
  { area: 'cli', file: 'cli.ts' },
  { area: 'print', file: 'print.ts', slow: true },
  { area: 'ui', file: 'ui.ts' },
];

const figures: BenchFigure[] = [];
const started = new Date();
const loadBefore = loadavg()[0];

function runScript(s: Script): Promise<{ code: number; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', s.file), ...(s.args ?? [])], {
      cwd: root,
      env: { ...process.env, [COLLECT_ENV]: '1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let rest = '';
    const onLine = (line: string) => {
      if (line.startsWith(BENCH_MARK)) {
        try {
          figures.push({ area: s.area, ...(JSON.parse(line.slice(BENCH_MARK.length)) as BenchFigure) });
        } catch {
          process.stderr.write(`[bench] unreadable figure from ${s.file}: ${line}\n`);
        }
      } else process.stderr.write(`  ${line}\n`);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      rest += chunk;
      const lines = rest.split('\n');
      rest = lines.pop()!;
      lines.forEach(onLine);
    });
    child.on('close', (code) => {
      if (rest) onLine(rest);
      resolve({ code: code ?? 1, ms: performance.now() - t0 });
    });
  });
}

let failedScripts = 0;
for (const s of SCRIPTS) {
  if (only && !only.has(s.area)) continue;
  if (quick && s.slow) {
    figures.push({ area: s.area, measure: `bench/${s.file}`, value: NaN, unit: '', text: 'skipped (--quick)' });
    continue;
  }
  process.stderr.write(`\n▶ ${s.area}: bench/${s.file} ${(s.args ?? []).join(' ')}\n`);
  const before = figures.length;
  const r = await runScript(s);
  process.stderr.write(`  (${s.area} took ${(r.ms / 1000).toFixed(1)} s, exit ${r.code})\n`);
  // A script exits 1 when it misses a budget (the table shows that); anything else, or no figure at all, is a failure.
  if ((r.code !== 0 && r.code !== 1) || figures.length === before) {
    failedScripts++;
    figures.push({ area: s.area, measure: `bench/${s.file}`, value: NaN, unit: '', text: `FAILED (exit ${r.code})` });
  }
}

const header = ['area', 'measure', 'value', 'target', 'met?'];
const table = figures.map((f) => [f.area ?? '', f.measure, formatValue(f), formatTarget(f), met(f)]);
const widths = header.map((h, k) => Math.max([...h].length, ...table.map((r) => [...r[k]].length)));
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].length));
console.log(
  `\nHuibian benchmark — node ${process.version}, ${cpus().length} CPUs, ${started.toISOString()}; load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0].toFixed(1)} at end${quick ? ' (--quick)' : ''}`,
);
console.log('(other work on this machine inflates wall times; CPU figures are the fairer comparison)');
console.log(header.map((h, k) => pad(h, widths[k])).join('  '));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of table) console.log(r.map((c, k) => pad(c, widths[k])).join('  '));
const missed = figures.filter((f) => met(f) === 'NO').length;
console.log(`\n${figures.length} figures; ${missed} over target; ${failedScripts} script(s) failed`);
process.exitCode = failedScripts ? 1 : 0;
