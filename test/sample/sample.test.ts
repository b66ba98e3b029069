// The committed sample session (resources/samples/qi-culture): valid, complete, realistic, and
// exactly what scripts/generate-sample.ts produces (regenerating gives byte-identical files).
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unzlibSync } from 'fflate';
import { imageSize } from 'image-size';
import { SessionSchema, type Session } from '../../core/model/session';
import { countWords, documentText, inlineText, type Block, type SourceDoc } from '../../core/model/document';
import { readSource } from '../../core/read/registry';
import { readMarkdown } from '../../core/read/markdown';
import {
  generateSession,
  sessionJson,
  barChartPng,
  writeGeneratedSession,
  SAMPLE_DIR,
  SAMPLE_README,
} from '../../scripts/generate-sample';
import { loadSessionFolder } from '../../core/node/session-folder';

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

let raw: string;
let session: Session;
const docs = new Map<string, SourceDoc>();

beforeAll(async () => {
  raw = readFileSync(SAMPLE_DIR + 'session.json', 'utf8');
  session = SessionSchema.parse(JSON.parse(raw));
  for (const sub of session.submissions) {
    const r = await readSource(readFileSync(SAMPLE_DIR + sub.source.file), {
      format: sub.source.format,
      fileName: sub.source.file,
    });
    if (!r.ok) throw new Error(`${sub.source.file}: ${r.error.message}`);
    docs.set(sub.id, r.value);
  }
});

const allBlocks = () => [...docs.values()].flatMap((d) => d.blocks);
const allText = () =>
  [...docs.values()]
    .map(
      (d) =>
        `${d.title}\n${d.authorLine}\n${documentText(d)}\n${d.footnotes.map((f) => inlineText(f.inlines)).join('\n')}`,
    )
    .join('\n');

describe('session.json', () => {
  it('validates and carries the session metadata', () => {
    expect(SessionSchema.safeParse(JSON.parse(raw)).success).toBe(true);
    expect(session).toMatchObject({
      name: '政协××市第十三届委员会常务委员会第九次会议',
      theme: '齐文化传承与创新',
      bookTitle: '会议材料汇编',
      organiser: '政协××市委员会办公室',
      date: '2023-09-20',
      marks: { internal: true },
    });
  });
  it('55 members, 55 submissions, 3 sections of 10 / 30 / 15 matching their kinds', () => {
    expect(session.members).toHaveLength(55);
    expect(session.submissions).toHaveLength(55);
    expect(session.sections.map((s) => [s.title, s.items.length])).toEqual([
      ['大会发言', 10],
      ['书面发言', 30],
      ['调研报告', 15],
    ]);
    const kindOf = { 大会发言: 'speech', 书面发言: 'written', 调研报告: 'report' } as const;
    const byId = new Map(session.submissions.map((s) => [s.id, s]));
    const listed = session.sections.flatMap((sec) =>
      sec.items.map((id) => (expect(byId.get(id)?.kind).toBe(kindOf[sec.title as keyof typeof kindOf]), id)),
    );
    expect(new Set(listed).size).toBe(55);
    expect(new Set(session.members.map((m) => m.id)).size).toBe(55);
    expect(new Set(session.submissions.map((s) => s.title)).size).toBe(55);
  });
  it('every member has exactly one submission and every submission names roster members', () => {
    const ids = session.submissions.flatMap((s) => s.memberIds);
    expect(ids.sort()).toEqual(session.members.map((m) => m.id).sort());
  });
  it('names exercise compound surnames, rare characters and 田富 / 田大利', () => {
    const names = session.members.map((m) => m.name);
    for (const s of ['欧阳', '司马', '上官']) expect(names.some((n) => n.startsWith(s))).toBe(true);
    for (const c of ['喆', '堃', '玥', '赟', '㛃']) expect(names.some((n) => n.includes(c))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['田富', '田大利', '韩喜']));
    expect(new Set(names).size).toBe(55);
    expect(session.members.filter((m) => m.rank === '副主席').length).toBeGreaterThanOrEqual(3);
    expect(new Set(session.members.map((m) => m.sector)).size).toBeGreaterThanOrEqual(12);
  });
  it('author lines: people with titles, organisations, and a person on behalf of one', () => {
    const lines = session.submissions.map((s) => s.authorLine);
    expect(lines).toContain('市政协常委 田大利');
    expect(lines).toContain('民盟××市委会');
    expect(lines).toContain('韩喜（代表民建××市委会）');
    expect(lines.filter((l) => /^市政协(主席|副主席|秘书长|常委) /.test(l)).length).toBeGreaterThanOrEqual(40);
  });
});

describe('sources', () => {
  it('every source reads without warnings, with the title and author line of session.json', () => {
    for (const sub of session.submissions) {
      const d = docs.get(sub.id)!;
      expect(d.warnings, sub.source.file).toEqual([]);
      expect([d.title, d.authorLine], sub.source.file).toEqual([sub.title, sub.authorLine]);
      expect(
        d.blocks.some((b) => b.type === 'heading' && b.level === 1),
        sub.source.file,
      ).toBe(true);
    }
  });
  it('full-width-indented sources (text pasted from Word) read exactly like blank-line Markdown', () => {
    const indented = session.submissions.filter((s) =>
      /^\u3000\u3000/m.test(readFileSync(SAMPLE_DIR + s.source.file, 'utf8')),
    );
    expect(indented.length).toBeGreaterThanOrEqual(5);
    for (const sub of indented) {
      const text = readFileSync(SAMPLE_DIR + sub.source.file, 'utf8');
      const plain = text.replace(/\n\u3000\u3000/g, '\n\n');
      expect(plain).not.toMatch(/\u3000\u3000/);
      expect(readMarkdown(text), sub.source.file).toEqual(readMarkdown(plain));
    }
  });
  it('has the structures the engine must lay out', () => {
    const blocks = allBlocks();
    const count = (pred: (b: Block) => boolean) => blocks.filter(pred).length;
    for (const level of [1, 2, 3, 4])
      expect(
        count((b) => b.type === 'heading' && b.level === level),
        `level ${level}`,
      ).toBeGreaterThan(level === 4 ? 3 : 20);
    expect(count((b) => b.type === 'table')).toBeGreaterThanOrEqual(15);
    expect(count((b) => b.type === 'table' && b.rows.length > 25 && b.headerRows === 1)).toBeGreaterThanOrEqual(1);
    expect(count((b) => b.type === 'list')).toBeGreaterThanOrEqual(5);
    expect(count((b) => b.type === 'list' && b.items.some((i) => i.label === '•'))).toBeGreaterThanOrEqual(1);
    expect(
      count((b) => b.type === 'paragraph' && b.inlines.some((i) => i.type === 'text' && i.bold)),
    ).toBeGreaterThanOrEqual(10);
    expect(
      count((b) => b.type === 'paragraph' && b.inlines.some((i) => i.type === 'text' && i.vertAlign === 'super')),
    ).toBeGreaterThanOrEqual(1);
    const images = blocks.filter((b) => b.type === 'image');
    expect(images.length).toBeGreaterThanOrEqual(2);
    expect(images.every((b) => b.type === 'image' && b.caption?.startsWith('图'))).toBe(true);
    const notes = [...docs.values()].reduce((a, d) => a + d.footnotes.length, 0);
    expect(notes).toBeGreaterThanOrEqual(10);
    expect(session.submissions.filter((s) => [...s.title].length > 28).length).toBeGreaterThanOrEqual(3);
  });
  it('has Latin words, numbers, quotation marks and characters missing from FandolFang', () => {
    const t = allText();
    for (const s of ['GDP', '5G', 'UNESCO', 'VR', 'AI', '2023年', '“', '”', '《', '》', '啰', '瞭', '㛃', '喆'])
      expect(t, s).toContain(s);
    expect(t).toMatch(/\d+\.\d%/);
    for (const s of ['临淄', '稷下学宫', '管仲', '齐长城', '蹴鞠', '姜太公', '齐国故城遗址博物馆', '文旅融合', '非遗'])
      expect(t, s).toContain(s);
  });
  it('speech, written and report lengths are realistic; the whole body is sized for ~160 pages', () => {
    const len = (d: SourceDoc) => documentText(d).replace(/\s/g, '').length;
    const byKind = (k: string) => session.submissions.filter((s) => s.kind === k).map((s) => len(docs.get(s.id)!));
    const avg = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(avg(byKind('speech'))).toBeGreaterThan(700);
    expect(avg(byKind('report'))).toBeGreaterThan(2 * avg(byKind('written')));
    const total = [...docs.values()].reduce((a, d) => a + len(d), 0);
    // 160 pages of 22 × 28 minus a new page per item, titles, headings and paragraph ends.
    expect(total).toBeGreaterThan(55_000);
    expect(total).toBeLessThan(75_000);
    expect(countWords(allText())).toBeGreaterThan(50_000);
  });
  it('the chart images are valid PNGs (size, and the zlib stream inflates to the pixel rows)', () => {
    for (const d of docs.values()) {
      for (const [, res] of Object.entries(d.images)) {
        const bytes = Buffer.from(res.data, 'base64');
        const size = imageSize(bytes);
        expect([size.type, size.width, size.height]).toEqual(['png', 640, 360]);
      }
    }
    // Walk the chunks: CRCs must hold and IDAT must inflate to H rows of (filter byte + W indices).
    const png = barChartPng([10, 20], [2022, 2023]);
    const dv = new DataView(png.buffer, png.byteOffset);
    const types: string[] = [];
    let idat: Uint8Array = new Uint8Array(0);
    for (let o = 8; o < png.length;) {
      const len = dv.getUint32(o);
      const type = Buffer.from(png.subarray(o + 4, o + 8)).toString('latin1');
      types.push(type);
      if (type === 'IDAT') idat = png.subarray(o + 8, o + 8 + len);
      expect(dv.getUint32(o + 8 + len)).toBe(crc32(png.subarray(o + 4, o + 8 + len)));
      o += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND']);
    expect(unzlibSync(idat).length).toBe(360 * (640 + 1));
  });
});

describe('generator', () => {
  it('regenerating gives byte-identical files and no stale sources', () => {
    const gen = generateSession();
    expect(sessionJson(gen.session)).toBe(raw);
    expect(readFileSync(SAMPLE_DIR + 'README.md', 'utf8')).toBe(SAMPLE_README);
    const onDisk = readdirSync(SAMPLE_DIR + 'sources').sort();
    expect(onDisk).toEqual([...gen.files.keys()].map((k) => k.replace('sources/', '')).sort());
    for (const [rel, text] of gen.files) expect(readFileSync(SAMPLE_DIR + rel, 'utf8'), rel).toBe(text);
  });
  it('writes a generated session to a folder the loader reads, removing stale sources', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hb-sample-'));
    try {
      mkdirSync(path.join(dir, 'sources'));
      writeFileSync(path.join(dir, 'sources', '999-stale.md'), 'x');
      await writeGeneratedSession(dir, generateSession({ items: 12, seed: 4 }));
      expect(readdirSync(path.join(dir, 'sources'))).toHaveLength(12);
      const loaded = await loadSessionFolder(dir);
      expect(
        loaded.ok && [loaded.value.session.submissions.length, loaded.value.docs.size, loaded.value.failures.length],
      ).toEqual([12, 12, 0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('generates larger sessions for benchmarks (700 items ≈ 2,000 pages), deterministic per seed', () => {
    const big = generateSession({ items: 700, seed: 1 });
    const s = SessionSchema.parse(big.session);
    expect(s.submissions).toHaveLength(700);
    expect(big.files.size).toBe(700);
    expect(new Set(s.members.map((m) => m.id)).size).toBe(700);
    expect(s.sections.reduce((a, x) => a + x.items.length, 0)).toBe(700);
    const text = (g: typeof big) => [...g.files.values()].join('\n');
    expect(text(generateSession({ items: 20, seed: 1 }))).toBe(text(generateSession({ items: 20, seed: 1 })));
    expect(text(generateSession({ items: 20, seed: 2 }))).not.toBe(text(generateSession({ items: 20, seed: 1 })));
  });
});
