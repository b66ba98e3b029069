// Issue 13, points 1 and 5: whatever bundle.export (and `huibian session export`, the same call
// with a targetPath) writes, bundle.import (and `session import`, the same call with a path)
// accepts — over generated sessions: random small ones, and one with ~160 MB of big PDFs, many
// images and 500 items. PDF bodies are stored as the file, not base64 JSON. A bundle breaking
// the contract's limits (200k members, a 5,025-character name) is refused with a named code.
import { createHash, randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { api } from '../../core/contract';
import type { SourceDoc } from '../../core/model/document';
import { SessionSchema, type Session, type Submission } from '../../core/model/session';
import { PDF_MAX_BYTES } from '../../core/read/pdf';
import { DOCX_MAX_BYTES } from '../../core/read/docx/index';
import { TEXT_MAX_BYTES } from '../../core/read/text';
import { encodeBundle } from '../../core/service/bundle';
import { buildBundle } from '../../core/service/bundle-export';
import { MAX_MEMBERS, SECTION_TITLE_MAX, SESSION_NAME_MAX, SOURCE_MAX_BYTES } from '../../core/service/bundle-limits';
import { buildDocx } from '../../scripts/make-fixtures';
import { nodeFs, type FsPort } from '../../core/node/store/fs-port';
import { rng, type Rng } from '../helpers/rng';
import { diskService as realDiskService, must, sessionDoc, useTempDir } from './helpers';

/** The real disk store without fsync: this test is about bundles, not durability (S5 has its own). */
const noSyncFs: FsPort = {
  ...nodeFs,
  open: async (f, flags) => {
    const h = await nodeFs.open(f, flags);
    return { writeFile: (d) => h.writeFile(d), sync: async () => undefined, close: () => h.close() };
  },
};
const diskService = (dataDir: string) => realDiskService(dataDir, { fs: noSyncFs });

const TILE = randomBytes(4 * 1048576);
let pdfSerial = 0;

/**
 * A real one-page PDF of about `bytes` bytes: the page plus one large stream that deflate cannot
 * shrink (a random 4 MB tile repeated: far beyond deflate's 32 KB window). Written by hand, so a
 * 100 MB file costs one copy.
 */
function bigPdf(bytes: number): Uint8Array {
  const head = `%PDF-1.7\n%\xe2\xe3\n`;
  const objs = [
    `<< /Type /Catalog /Pages 2 0 R /HuibianPadding 4 0 R >>`,
    `<< /Type /Pages /Kids [3 0 R] /Count 1 >>`,
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << >> /Contents 5 0 R >>`,
  ];
  const parts: Buffer[] = [Buffer.from(head, 'latin1')];
  const offsets: number[] = [];
  let at = parts[0].length;
  const push = (b: Buffer) => {
    parts.push(b);
    at += b.length;
  };
  objs.forEach((o, i) => {
    offsets.push(at);
    push(Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1'));
  });
  const pad = Buffer.alloc(bytes);
  pad.fill(TILE);
  pad.writeUInt32BE(++pdfSerial, 0);
  offsets.push(at);
  push(Buffer.from(`4 0 obj\n<< /Length ${pad.length} >>\nstream\n`, 'latin1'));
  push(pad);
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  const content = 'BT /F1 12 Tf 72 720 Td ET';
  offsets.push(at);
  push(Buffer.from(`5 0 obj\n<< /Length ${content.length} >>\nstream\n${content}\nendstream\nendobj\n`, 'latin1'));
  const xref = at;
  push(
    Buffer.from(
      `xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}

const ODD_NAMES = ['发言', '关于“文旅融合”的建议', 'report (final)', '调研报告\t附件', '李 四 / 王五', '𠀀生僻字'];

interface Item {
  format: 'pdf' | 'docx' | 'txt';
  bytes: Uint8Array;
  doc: SourceDoc;
}

function textItem(r: Rng, i: number): Item {
  const text = `${r.pick(ODD_NAMES)} 第${i}号：${'正文内容。'.repeat(r.int(1, 40))}`;
  return {
    format: 'txt',
    bytes: strToU8(text),
    doc: {
      blocks: [{ type: 'paragraph', inlines: [{ type: 'text', text }], indent: true }],
      footnotes: [],
      images: {},
      warnings: [],
    } as SourceDoc,
  };
}

function imageItem(r: Rng, i: number, images: number, imageBytes: number): Item {
  const media: Record<string, Uint8Array> = {};
  const imgs: SourceDoc['images'] = {};
  for (let k = 0; k < images; k++) {
    const b = randomBytes(imageBytes);
    media[`word/media/image${k}.png`] = b;
    imgs[`img${k}`] = { mime: 'image/png', data: b.toString('base64') };
  }
  const bytes = buildDocx({ body: `<w:p><w:r><w:t>图片材料 ${i}</w:t></w:r></w:p>`, media });
  return {
    format: 'docx',
    bytes,
    doc: {
      blocks: [{ type: 'paragraph', inlines: [{ type: 'text', text: `图片材料 ${i}` }], indent: true }],
      footnotes: [],
      images: imgs,
      warnings: [],
    } as SourceDoc,
  };
}

async function pdfItem(size: number): Promise<Item> {
  const bytes = bigPdf(size);
  return {
    format: 'pdf',
    bytes,
    doc: {
      blocks: [],
      footnotes: [],
      images: {},
      warnings: [],
      pdf: { pageCount: 1, data: Buffer.from(bytes).toString('base64') },
    } as SourceDoc,
  };
}

/** Stores the items as a session through the real disk ports (as an import would have). */
async function makeSession(
  dataDir: string,
  name: string,
  items: Item[],
  r: Rng,
  members: number,
): Promise<{ id: string; session: Session }> {
  const { client, service, ports } = diskService(dataDir);
  const v = must(await client.call('sessions.create', { name }));
  const id = v.session.id;
  const subs: Submission[] = [];
  for (const [i, it] of items.entries()) {
    const put = must(await ports.files.put(id, it.bytes, it.format));
    must(await ports.bodies.put(id, put.sha256, it.doc));
    const versions = [];
    if (it.format === 'txt' && r.next() < 0.1) {
      const old = must(await ports.files.put(id, strToU8(`旧版本 ${i}`), 'txt'));
      versions.push({
        file: old.file,
        format: 'txt' as const,
        sha256: old.sha256,
        replacedAt: '2026-11-30T08:00:00.000Z',
      });
    }
    subs.push({
      id: `sub-${i}`,
      title: `${r.pick(ODD_NAMES)} ${i}`,
      authorLine: `委员${i}`,
      memberIds: [],
      kind: 'speech',
      source: {
        file: put.file,
        format: it.format,
        sha256: put.sha256,
        originalName: `${r.pick(ODD_NAMES)}-${i}.${it.format}`,
      },
      versions,
      status: 'ok',
      options: { pinned: false, inToc: true },
    } as Submission);
  }
  const memberList = Array.from({ length: members }, (_, k) => ({
    id: `m-${k}`,
    name: `委员${k}`,
    sector: '文化艺术界',
    title: '',
    unit: '',
    standing: true,
  }));
  const sections = v.session.sections.map((s, k) => ({ ...s, items: k === 0 ? subs.map((x) => x.id) : [] }));
  const session = SessionSchema.parse({ ...v.session, submissions: subs, members: memberList, sections });
  must(await ports.storage.save(id, session, v.revision + 1));
  await service.dispose();
  return { id, session };
}

/** Export with a targetPath (as `session export` does), import from that path (as `session import`). */
async function roundTrip(from: string, to: string, id: string, target: string) {
  const a = diskService(from);
  const out = await a.client.call('bundle.export', { sessionId: id, targetPath: target });
  await a.service.dispose();
  if (!out.ok) return { out, imported: undefined };
  const b = diskService(to);
  const imported = await b.client.call('bundle.import', { file: { path: target } });
  return { out, imported, b };
}

const strip = (s: Session) => ({ ...s, id: '' });

describe('issue 13 · bundles round-trip', () => {
  const t = useTempDir();

  it('PDF bodies are stored as the content-addressed file, not base64 JSON', async () => {
    const dataDir = path.join(t.dir, 'pdf-body');
    const it0 = await pdfItem(2_000_000);
    const { id, session } = await makeSession(dataDir, 'PDF 正文', [it0], rng(1), 0);
    const sha = session.submissions[0].source.sha256!;
    const dir = path.join(dataDir, 'sessions', id);
    expect((await stat(path.join(dir, 'bodies', `${sha}.json`))).size).toBeLessThan(4_000);
    const { ports, service } = diskService(dataDir);
    const back = must(await ports.bodies.get(id, sha));
    expect(back.pdf?.data).toBe(it0.doc.pdf!.data);
    await service.dispose();
  });

  for (const seed of [11, 12, 13, 14]) {
    it(`random session ${seed}: what export writes, import accepts (equal session, identical files)`, async () => {
      const r = rng(seed);
      const items: Item[] = [];
      const n = r.int(3, 25);
      for (let i = 0; i < n; i++) {
        const k = r.next();
        items.push(
          k < 0.15
            ? await pdfItem(r.int(20_000, 400_000))
            : k < 0.4
              ? imageItem(r, i, r.int(1, 6), r.int(5_000, 80_000))
              : textItem(r, i),
        );
      }
      const from = path.join(t.dir, `rnd-${seed}-a`);
      const { id, session } = await makeSession(from, `${r.pick(ODD_NAMES)}会议 ${seed}`, items, r, r.int(0, 300));
      const { out, imported, b } = await roundTrip(
        from,
        path.join(t.dir, `rnd-${seed}-b`),
        id,
        path.join(t.dir, `rnd-${seed}.zip`),
      );
      expect(out.ok, JSON.stringify(!out.ok && out.error)).toBe(true);
      expect(imported?.ok, JSON.stringify(imported && !imported.ok && imported.error)).toBe(true);
      if (!imported?.ok || !b) return;
      const o = must(await b.client.call('sessions.open', { sessionId: imported.value.id }));
      if (o.status !== 'open') throw new Error('expected open');
      expect(strip(o.view.session)).toEqual(strip(session));
      for (const sub of session.submissions) {
        const f = must(await b.ports.files.get(imported.value.id, sub.source.file));
        expect(Buffer.from(f).equals(Buffer.from(items[Number(sub.id.slice(4))].bytes))).toBe(true);
      }
      await b.service.dispose();
    }, 60_000);
  }

  it('a session with ~160 MB of PDFs, many images and 500 items round-trips', async () => {
    const r = rng(7);
    const items: Item[] = [await pdfItem(100 * 1048576), await pdfItem(40 * 1048576), await pdfItem(20 * 1048576)];
    for (let i = 3; i < 63; i++) items.push(imageItem(r, i, 8, 40_000));
    for (let i = 63; i < 500; i++) items.push(textItem(r, i));
    const from = path.join(t.dir, 'big-a');
    const { id, session } = await makeSession(from, '第九次常委会议（大材料）', items, r, 400);
    const target = path.join(t.dir, 'big.huibian.zip');
    const { out, imported, b } = await roundTrip(from, path.join(t.dir, 'big-b'), id, target);
    expect(out.ok, JSON.stringify(!out.ok && out.error)).toBe(true);
    expect(imported?.ok, JSON.stringify(imported && !imported.ok && imported.error)).toBe(true);
    if (!out.ok || !imported?.ok || !b) return;
    // Derivable bodies stayed out: the bundle is about the size of its sources.
    const sources = items.reduce((n, x) => n + x.bytes.length, 0);
    console.log(
      `bundle of 500 items: sources ${(sources / 1048576).toFixed(1)} MB → bundle ${(out.value.size / 1048576).toFixed(1)} MB`,
    );
    expect(out.value.size).toBeLessThan(sources * 1.05 + 5_000_000);
    expect(imported.value.submissionCount).toBe(500);
    const o = must(await b.client.call('sessions.open', { sessionId: imported.value.id }));
    if (o.status !== 'open') throw new Error('expected open');
    expect(strip(o.view.session)).toEqual(strip(session));
    const big = session.submissions[0];
    const f = must(await b.ports.files.get(imported.value.id, big.source.file));
    expect(f.length).toBe(items[0].bytes.length);
    // Small text bodies travel; PDF bodies are re-derived from the file.
    expect((await b.ports.bodies.get(imported.value.id, session.submissions[100].source.sha256!)).ok).toBe(true);
    expect(await b.ports.bodies.has(imported.value.id, big.source.sha256!)).toBe(false);
    await b.service.dispose();
  }, 240_000);

  it('export says when a bundle is large, and refuses one import could not open', async () => {
    const from = path.join(t.dir, 'notice');
    const r = rng(3);
    const items = [await pdfItem(600_000), textItem(r, 1)];
    const { id, session } = await makeSession(from, '提示', items, r, 0);
    const { ports, service } = diskService(from);
    const key = (s: Submission) => s.source.sha256!;
    const large = must(await buildBundle(ports, id, session, key, new Date(), { largeBytes: 500_000 }));
    expect(large.notice?.code).toBe('bundle.large');
    expect(large.notice?.message).toMatch(/会议包较大（\d/);
    const small = must(await buildBundle(ports, id, session, key, new Date()));
    expect(small.notice).toBeUndefined();
    const over = await buildBundle(ports, id, session, key, new Date(), { maxBytes: 300_000 });
    expect(!over.ok && over.error.code).toBe('bundle.too-large');
    expect(!over.ok && over.error.message).toContain('会议包上限');
    await service.dispose();
  });
});

describe('issue 13 · bundle import applies the contract limits', () => {
  const t = useTempDir();

  const bundleOf = (s: Session) => ({
    name: 'x.huibian.zip',
    data: Buffer.from(
      encodeBundle({ session: s, files: new Map(), bodies: new Map() }, '2026-12-01T00:00:00Z'),
    ).toString('base64'),
  });

  it('refuses 200k members and a 5,025-character name with bundle.over-limits', async () => {
    const { client, service } = diskService(path.join(t.dir, 'limits'));
    const members = Array.from({ length: 200_000 }, (_, k) => ({
      id: `m${k}`,
      name: `委员${k}`,
      sector: '',
      title: '',
      unit: '',
      standing: true,
    }));
    const many = await client.call('bundle.import', { file: bundleOf(sessionDoc('x', '名单过大', { members })) });
    expect(!many.ok && many.error.code).toBe('bundle.over-limits');
    expect(!many.ok && many.error.message).toContain('委员名单有 200000 项，超过上限 20000 项');
    const longName = await client.call('bundle.import', { file: bundleOf(sessionDoc('x', '名'.repeat(5025))) });
    expect(!longName.ok && longName.error.code).toBe('bundle.over-limits');
    expect(!longName.ok && longName.error.message).toContain('会议名称超过 200 个字符');
    const ok = await client.call('bundle.import', {
      file: bundleOf(sessionDoc('x', '名'.repeat(200), { members: members.slice(0, 2000) })),
    });
    expect(ok.ok).toBe(true);
    expect(must(await client.call('sessions.list', {})).length).toBe(1);
    await service.dispose();
  }, 60_000);

  it('the limits are the ones of the calls that create the data', () => {
    const create = api['sessions.create'].input;
    expect(create.safeParse({ name: 'a'.repeat(SESSION_NAME_MAX) }).success).toBe(true);
    expect(create.safeParse({ name: 'a'.repeat(SESSION_NAME_MAX + 1) }).success).toBe(false);
    const section = api['sections.create'].input;
    expect(section.safeParse({ sessionId: 's', revision: 0, title: 'a'.repeat(SECTION_TITLE_MAX) }).success).toBe(true);
    expect(section.safeParse({ sessionId: 's', revision: 0, title: 'a'.repeat(SECTION_TITLE_MAX + 1) }).success).toBe(
      false,
    );
    expect(MAX_MEMBERS).toBe(20_000); // ROSTER_MAX_ROWS in core/node/roster-io.ts
    expect(SOURCE_MAX_BYTES).toBe(Math.max(PDF_MAX_BYTES, DOCX_MAX_BYTES, TEXT_MAX_BYTES));
  });

  it('a bundle of the old kind (PDF body as base64 JSON) imports, and its body is stored as the file', async () => {
    const dataDir = path.join(t.dir, 'oldbody');
    const { client, service, ports } = diskService(dataDir);
    const it0 = await pdfItem(300_000);
    const sha = createHash('sha256').update(it0.bytes).digest('hex');
    const file = `files/${sha}.pdf`;
    const s = sessionDoc('x', '旧会议包', {
      submissions: [
        {
          id: 's1',
          title: 'PDF',
          authorLine: '',
          memberIds: [],
          kind: 'speech',
          source: { file, format: 'pdf', sha256: sha },
          versions: [],
          status: 'ok',
          options: { pinned: false, inToc: true },
        },
      ] as Session['submissions'],
    });
    const zip = zipSync({
      'manifest.json': strToU8(JSON.stringify({ format: 'huibian-bundle', version: 1 })),
      'session.json': strToU8(JSON.stringify(s)),
      [file]: [it0.bytes, { level: 0 }],
      [`bodies/${sha}.json`]: strToU8(JSON.stringify(it0.doc)),
    });
    const r = await client.call('bundle.import', {
      file: { name: 'old.zip', data: Buffer.from(zip).toString('base64') },
    });
    expect(r.ok, JSON.stringify(!r.ok && r.error)).toBe(true);
    if (!r.ok) return;
    expect((await stat(path.join(dataDir, 'sessions', r.value.id, 'bodies', `${sha}.json`))).size).toBeLessThan(4_000);
    expect(must(await ports.bodies.get(r.value.id, sha)).pdf?.data).toBe(it0.doc.pdf!.data);
    await service.dispose();
  });
});
