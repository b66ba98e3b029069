// Import benchmark (issue 3): the 55 items of the qi-culture sample written as DOCX with the docx
// library, then imported as a folder the way `huibian import` does it — through the worker pool
// (2 workers, including their start-up) and, for comparison, in-process. Prints the figures.
// Run: npx tsx bench/import.ts
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMarkdown } from '../core/read/markdown';
import { SessionSchema } from '../core/model/session';
import { planImport } from '../core/node/import-batch';
import { ReadPool } from '../core/node/read-worker';
import { sampleItemToDocx } from '../scripts/make-fixtures';
import { figure } from './report';

const SRC = new URL('../resources/samples/qi-culture/', import.meta.url).pathname;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huibian-bench-import-'));
  try {
    const mds = readdirSync(path.join(SRC, 'sources'))
      .filter((f) => f.endsWith('.md'))
      .sort();
    let bytes = 0;
    for (const f of mds) {
      const docx = await sampleItemToDocx(readMarkdown(readFileSync(path.join(SRC, 'sources', f), 'utf8')));
      writeFileSync(path.join(dir, f.replace(/\.md$/, '.docx')), docx);
      bytes += statSync(path.join(dir, f.replace(/\.md$/, '.docx'))).size;
    }
    const session = SessionSchema.parse(JSON.parse(readFileSync(path.join(SRC, 'session.json'), 'utf8')));
    const fresh = { ...session, submissions: [], sections: session.sections.map((s) => ({ ...s, items: [] })) };

    // Cold: the workers start inside the timed region (the CLI's case).
    const t0 = performance.now();
    const pool = new ReadPool({ size: 2 });
    const plan = await planImport([dir], fresh, { pool });
    const pooled = performance.now() - t0;
    await pool.close();

    // Warm: the app keeps its pool running, so an import is only the reading.
    const warmPool = new ReadPool({ size: 2 });
    await warmPool.warm();
    const tw = performance.now();
    const cw = process.cpuUsage();
    await planImport([dir], fresh, { pool: warmPool });
    const warm = performance.now() - tw;
    const warmCpu = process.cpuUsage(cw);
    await warmPool.close();

    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const plan2 = await planImport([dir], fresh);
    const inProcess = performance.now() - t1;
    const inCpu = process.cpuUsage(c1);
    const cpu = (u: NodeJS.CpuUsage) => `${((u.user + u.system) / 1000).toFixed(0)} ms CPU`;

    const count = (p: typeof plan, s: string) => p.reports.filter((r) => r.status === s).length;
    const matched = plan.submissions.filter((s) => s.memberIds.length).length;
    console.log(`load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
    console.log(`import: ${mds.length} DOCX (${(bytes / 1024).toFixed(0)} KB total) from the qi-culture sample`);
    console.log(
      `  worker pool, warm (the app's case):      ${warm.toFixed(0)} ms wall, ${cpu(warmCpu)} (all threads)  [budget 2000 ms] ${warm <= 2000 ? 'OK' : 'OVER BUDGET'}`,
    );
    console.log(`  worker pool, cold (incl. worker start):  ${pooled.toFixed(0)} ms`);
    console.log(`  in-process:                              ${inProcess.toFixed(0)} ms wall, ${cpu(inCpu)}`);
    console.log(
      `  imported ${count(plan, 'imported')}, review ${count(plan, 'review')}, failed ${count(plan, 'failed')}; authors matched to the roster: ${matched}/${plan.submissions.length}`,
    );
    figure({
      area: 'import',
      measure: `${mds.length} DOCX imported, worker pool warm (the app's case)`,
      value: warm,
      unit: 'ms',
      target: 2000,
    });
    figure({
      area: 'import',
      measure: `${mds.length} DOCX, cold (incl. worker start-up, the CLI's case)`,
      value: pooled,
      unit: 'ms',
      target: 2000,
    });
    figure({ area: 'import', measure: `${mds.length} DOCX, in-process`, value: inProcess, unit: 'ms' });
    if (plan2.submissions.length !== plan.submissions.length) throw new Error('in-process and pooled imports disagree');
    process.exitCode = warm <= 2000 ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
