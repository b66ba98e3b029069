// Store benchmark (L1): a session of 500 submissions and a 500-member roster must open in
// ≤ 300 ms, save in ≤ 50 ms, and keep session.json ≤ 1 MB. Prints the figures (median of runs)
// and exits 1 when a budget is missed. Run: npx tsx bench/store.ts
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDispatcher, createLocalClient } from '../core/contract';
import { SCHEMA_VERSION, SessionSchema, type Session } from '../core/model/session';
import { createNodePorts } from '../core/node/ports';
import { nodeFs } from '../core/node/store/fs-port';
import { DiskSessionStore } from '../core/node/store/session-store';
import { createService } from '../core/service/service';
import { figure } from './report';

const N = 500;
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const hex = (i: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(8);

function bigSession(id: string): Session {
  const members = Array.from({ length: N }, (_, i) => ({
    id: `m${i}`,
    name: `${SURNAMES[i % SURNAMES.length]}${'明华国建文军平志红'[i % 9]}${'东南西北中'[i % 5]}`,
    gender: i % 3 ? '男' : '女',
    sector: ['中共', '民革', '民盟', '民建', '民进', '农工党', '致公党', '九三学社', '无党派人士', '经济界'][i % 10],
    party: ['中共', '民革', '民盟'][i % 3],
    title: '市政协常委、××市××局副局长',
    unit: `××市第${i}单位`,
    standing: true,
    rank: '常委',
  }));
  const submissions = Array.from({ length: N }, (_, i) => ({
    id: `sub-${i}`,
    title: `关于推进齐文化传承与创新发展的若干建议（第${i}篇）`,
    authorLine: `市政协常委 ${members[i].name}`,
    memberIds: [members[i].id],
    kind: 'speech',
    source: {
      file: `files/${hex(i)}.docx`,
      format: 'docx',
      sha256: hex(i),
      originalName: `${members[i].name}-发言材料.docx`,
    },
    receivedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
  }));
  const sections = ['大会发言', '书面发言', '调研报告', '社情民意信息'].map((title, k) => ({
    id: `sec-${k}`,
    title,
    items: submissions.filter((_, i) => i % 4 === k).map((s) => s.id),
  }));
  return SessionSchema.parse({
    schemaVersion: SCHEMA_VERSION,
    id,
    name: '政协××市第十三届委员会常务委员会第九次会议',
    theme: '齐文化传承与创新',
    date: '2026-12-01',
    members,
    submissions,
    sections,
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<number> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'huibian-bench-'));
  try {
    const id = 'bench500';
    const seed = new DiskSessionStore({ dataDir, fs: nodeFs });
    const c = await seed.create(id, bigSession(id));
    if (!c.ok) throw new Error(c.error.message);
    const file = path.join(dataDir, 'sessions', id, 'session.json');
    const bytes = (await stat(file)).size;

    // Open: a fresh store (cold lowdb instance) reading, classifying and validating the file.
    const storeOpen: number[] = [];
    for (let i = 0; i < 7; i++) {
      const s = new DiskSessionStore({ dataDir, fs: nodeFs });
      const t0 = performance.now();
      const o = await s.open(id);
      storeOpen.push(performance.now() - t0);
      if (!o.ok || o.value.status !== 'ok') throw new Error('open failed');
      await s.close(id);
    }
    // Open as the UI sees it: a fresh service, through the dispatcher (input and output validated).
    const serviceOpen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const service = createService(createNodePorts({ dataDir }));
      const client = createLocalClient(createDispatcher(service));
      const t0 = performance.now();
      const o = await client.call('sessions.open', { sessionId: id });
      serviceOpen.push(performance.now() - t0);
      if (!o.ok || o.value.status !== 'open') throw new Error('service open failed');
      await service.dispose();
    }
    // Save: one edit through the service (revision check, undo step, durable write, view back),
    // and the store's durable write alone.
    const service = createService(createNodePorts({ dataDir, overrides: { snapshotEveryMs: 3600_000 } }));
    const client = createLocalClient(createDispatcher(service));
    const o = await client.call('sessions.open', { sessionId: id });
    if (!o.ok || o.value.status !== 'open') throw new Error('open failed');
    let rev = o.value.view.revision;
    const editSave: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const r = await client.call('sections.moveItem', {
        sessionId: id,
        revision: rev,
        submissionId: `sub-${i * 4}`,
        toSectionId: 'sec-1',
        index: 0,
      });
      editSave.push(performance.now() - t0);
      if (!r.ok || r.value.save.state !== 'saved')
        throw new Error(`edit failed: ${r.ok ? r.value.save.error?.message : r.error.message}`);
      rev = r.value.revision;
    }
    await service.dispose();
    const s2 = new DiskSessionStore({ dataDir, fs: nodeFs });
    const o2 = await s2.open(id);
    if (!o2.ok || o2.value.status !== 'ok') throw new Error('open failed');
    const rawSave: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const r = await s2.save(id, o2.value.session, o2.value.revision + i + 1);
      rawSave.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
    }
    await s2.close(id);

    const rows: [string, number, number, string][] = [
      ['session.json size (500 submissions + 500 members)', bytes / 1024, 1024, 'KB'],
      ['open: store (read + classify + zod), median of 7', median(storeOpen), 300, 'ms'],
      ['open: service via contract (output validated), median of 5', median(serviceOpen), 300, 'ms'],
      ['save: one edit via contract (move item, durable), median of 21', median(editSave), 50, 'ms'],
      ['save: store durable write alone, median of 21', median(rawSave), 50, 'ms'],
    ];
    let failed = 0;
    console.log('huibian store benchmark (bench/store.ts)');
    for (const [label, v, budget, unit] of rows) {
      const ok = v <= budget;
      if (!ok) failed++;
      console.log(`  ${ok ? 'PASS' : 'FAIL'}  ${label}: ${v.toFixed(1)} ${unit} (budget ≤ ${budget} ${unit})`);
      figure({ area: 'store', measure: label, value: v, unit: unit as 'ms' | 'KB', target: budget });
    }
    return failed ? 1 : 0;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 70;
  },
);
