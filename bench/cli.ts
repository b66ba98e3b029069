// The CLI as the clerk runs it, side by side in one run (issue 12): `huibian compile` of the sample
// (the PDF) as a fresh process of the built CLI (cli/bin.mjs → cli/dist/) against LibreOffice
// converting the same dossier's DOCX to PDF (target: ours ≥ 5× faster), and `huibian sort` of
// 1,000 names as a fresh process (target < 0.3 s wall). Runs alternate (ours, LibreOffice, ours …)
// so both see the same load; wall and CPU (user+sys, from /usr/bin/time) are medians of N runs.
// A benchmark, not a test: it prints figures and never fails on a missed target.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { figure } from './report';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'cli', 'bin.mjs');
const sample = path.join(root, 'resources', 'samples', 'qi-culture');
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 3);
const tmp = mkdtempSync(path.join(tmpdir(), 'hb-bench-cli-'));
const hasTime = existsSync('/usr/bin/time');

interface Timed {
  wall: number;
  cpu: number;
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command; wall by the clock, CPU (user+sys of it and its children) by /usr/bin/time. */
function timed(cmd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): Timed {
  const cpuFile = path.join(tmp, 'cpu.txt');
  const argv = hasTime ? ['/usr/bin/time', '-f', '%U %S', '-o', cpuFile, cmd, ...args] : [cmd, ...args];
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), {
    cwd: tmp,
    input,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  const wall = performance.now() - t0;
  const cpu =
    hasTime && existsSync(cpuFile)
      ? readFileSync(cpuFile, 'utf8')
          .trim()
          .split('\n')
          .pop()!
          .split(' ')
          .reduce((n, x) => n + Number(x) * 1000, 0)
      : NaN;
  return { wall, cpu, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.error(`bench/cli: ${runs} runs each, load average ${loadavg()[0].toFixed(1)} before`);

// 1. huibian compile (fresh process, built CLI) vs LibreOffice DOCX → PDF, alternating.
const pdf = path.join(tmp, 'dossier.pdf');
const docx = path.join(tmp, 'dossier.docx');
const ours: Timed[] = [];
const oursCold: Timed[] = [];
const lo: Timed[] = [];
const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const haveLo = !soffice.error && soffice.status === 0;
const profile = `file://${path.join(tmp, 'lo-profile')}`;
const loRun = () =>
  timed('soffice', [
    `-env:UserInstallation=${profile}`,
    '--headless',
    '--convert-to',
    'pdf',
    '--outdir',
    path.join(tmp, 'lo'),
    docx,
  ]);
// Our caches (import results, core/node/import-cache; compressed font subsets,
// core/node/font-stream-store) in this run's folder: the untimed first run fills them, as
// LibreOffice's untimed first start fills its profile. Runs without them ("cold",
// HUIBIAN_CACHE_DIR=off) are timed too, alternating with the others.
const warm = { HUIBIAN_CACHE_DIR: path.join(tmp, 'cache') };
const cold = { HUIBIAN_CACHE_DIR: 'off' };
// The DOCX LibreOffice converts: made once by our CLI (not timed).
const setup = timed(process.execPath, [bin, 'compile', sample, '--pdf', pdf, '--docx', docx], undefined, warm);
if (setup.status !== 0) throw new Error(`huibian compile failed (${setup.status}): ${setup.stderr}`);
console.log(`huibian compile (PDF + DOCX, fresh process, once): ${s(setup.wall)} wall, ${s(setup.cpu)} CPU`);
figure({ measure: 'huibian compile sample PDF+DOCX, fresh process (wall, one run)', value: setup.wall, unit: 'ms' });
for (let k = 0; k < runs; k++) {
  // Like for like: our PDF of the sample against LibreOffice's PDF of the same dossier.
  const r = timed(process.execPath, [bin, 'compile', sample, '--pdf', pdf], undefined, warm);
  if (r.status !== 0) throw new Error(`huibian compile failed (${r.status}): ${r.stderr}`);
  ours.push(r);
  const c = timed(process.execPath, [bin, 'compile', sample, '--pdf', pdf], undefined, cold);
  if (c.status !== 0) throw new Error(`huibian compile failed (${c.status}): ${c.stderr}`);
  oursCold.push(c);
  if (haveLo) {
    // LibreOffice's first start builds its profile: not counted.
    if (k === 0) loRun();
    const l = loRun();
    if (l.status !== 0 || !existsSync(path.join(tmp, 'lo', 'dossier.pdf')))
      throw new Error(`soffice failed: ${l.stderr}`);
    lo.push(l);
  }
}
const oursWall = median(ours.map((r) => r.wall));
const oursCpu = median(ours.map((r) => r.cpu));
const coldWall = median(oursCold.map((r) => r.wall));
const coldCpu = median(oursCold.map((r) => r.cpu));
console.log(
  `huibian compile (PDF, fresh process):          ${s(oursWall)} wall, ${s(oursCpu)} CPU   [${ours.map((r) => s(r.wall)).join(', ')}]`,
);
console.log(
  `  … without the caches (cold):                 ${s(coldWall)} wall, ${s(coldCpu)} CPU   [${oursCold.map((r) => s(r.wall)).join(', ')}]`,
);
figure({ measure: 'huibian compile sample PDF, fresh process, no caches (wall)', value: coldWall, unit: 'ms' });
figure({ measure: 'huibian compile sample PDF, fresh process (wall)', value: oursWall, unit: 'ms' });
figure({ measure: 'huibian compile sample PDF, fresh process (CPU)', value: oursCpu, unit: 'ms' });
if (haveLo) {
  const loWall = median(lo.map((r) => r.wall));
  const loCpu = median(lo.map((r) => r.cpu));
  console.log(
    `LibreOffice DOCX → PDF (same dossier):      ${s(loWall)} wall, ${s(loCpu)} CPU   [${lo.map((r) => s(r.wall)).join(', ')}]`,
  );
  console.log(
    `ratio LibreOffice / huibian: ${(loWall / oursWall).toFixed(1)}× wall, ${(loCpu / oursCpu).toFixed(1)}× CPU (target ≥ 5×); without the caches ${(loWall / coldWall).toFixed(1)}× wall, ${(loCpu / coldCpu).toFixed(1)}× CPU`,
  );
  figure({ measure: 'LibreOffice DOCX → PDF of the same dossier (wall)', value: loWall, unit: 'ms' });
  figure({
    measure: 'huibian compile faster than LibreOffice (wall, ≥ 5×)',
    value: loWall / oursWall,
    unit: '×',
    text: `${(loWall / oursWall).toFixed(1)} × (CPU ${(loCpu / oursCpu).toFixed(1)} ×)`,
  });
  figure({
    measure: 'huibian compile faster than LibreOffice, no caches (wall)',
    value: loWall / coldWall,
    unit: '×',
    text: `${(loWall / coldWall).toFixed(1)} × (CPU ${(loCpu / coldCpu).toFixed(1)} ×)`,
  });
} else {
  console.log('LibreOffice DOCX → PDF: skipped (soffice not installed)');
  figure({ measure: 'LibreOffice DOCX → PDF', value: NaN, unit: '', text: 'skipped (no soffice)' });
}

// 2. huibian sort of 1,000 names (fresh process).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国明华丽娟志强秀英海燕文杰晓东红梅玉兰春生德胜淑珍国庆立新小平桂芳';
let seed = 12;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
const names =
  Array.from(
    { length: 1000 },
    () => SURNAMES[rnd(SURNAMES.length)] + GIVEN[rnd(GIVEN.length)] + (rnd(3) ? GIVEN[rnd(GIVEN.length)] : ''),
  ).join('\n') + '\n';
const sorts: Timed[] = [];
for (let k = 0; k < Math.max(5, runs); k++) {
  const r = timed(process.execPath, [bin, 'sort'], names);
  if (r.status !== 0 || r.stdout.split('\n').filter(Boolean).length !== 1000)
    throw new Error(`huibian sort failed: ${r.stderr}`);
  sorts.push(r);
}
const sortWall = median(sorts.map((r) => r.wall));
const sortCpu = median(sorts.map((r) => r.cpu));
console.log(
  `huibian sort, 1,000 names (fresh process): ${s(sortWall)} wall, ${s(sortCpu)} CPU (target < 0.3 s wall)   [${sorts.map((r) => s(r.wall)).join(', ')}]`,
);
figure({ measure: 'huibian sort 1,000 names, fresh process (wall)', value: sortWall, unit: 'ms', target: 300 });
figure({ measure: 'huibian sort 1,000 names, fresh process (CPU)', value: sortCpu, unit: 'ms' });
console.error(`load average ${loadavg()[0].toFixed(1)} after`);
rmSync(tmp, { recursive: true, force: true });
