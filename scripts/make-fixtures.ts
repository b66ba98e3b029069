// Generates the import tests' fixtures from code: DOCX packages written as hand-made XML and
// zipped with fflate (for features a generator library cannot produce: tracked changes, fields,
// content controls, hidden text, Strict namespaces, text boxes, ruby, EMF), crafted hostile zips,
// tiny PNG/JPEG images, and text in Chinese encodings. Tests call these in beforeAll; running the
// script writes them to test/fixtures/generated/ for manual inspection. It must never copy files
// from ../shared/corpus.
import { deflateSync, unzipSync, zipSync, zlibSync, strToU8 } from 'fflate';
import { crc32 } from '../core/bytes/crc32';
import {
  AlignmentType,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import type { Block, Inline, SourceDoc } from '../core/model/document';
import { fromBase64 } from '../core/bytes/base64';
import { concatBytes } from '../core/bytes/concat';

export const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const STRICT_W = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
const STRICT_R = 'http://purl.oclc.org/ooxml/officeDocument/relationships';
const NS_DECL = `xmlns:w="${W}" xmlns:r="${R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"`;

export interface DocxParts {
  /** Inner XML of w:body. */
  body: string;
  styles?: string;
  numbering?: string;
  footnotes?: string;
  endnotes?: string;
  comments?: string;
  /** Extra relationships of the main part: id → [type (last segment), target, external?]. */
  rels?: Record<string, [string, string, boolean?]>;
  media?: Record<string, Uint8Array>;
  /** Main part path (default word/document.xml). */
  mainPath?: string;
  /** Use ISO Strict namespace URIs and unusual prefixes. */
  strict?: boolean;
  /** Extra raw entries (hostile tests). */
  extra?: Record<string, Uint8Array>;
}

const relType = (t: string, strict?: boolean) =>
  strict
    ? `http://purl.oclc.org/ooxml/officeDocument/relationships/${t}`
    : `http://schemas.openxmlformats.org/officeDocument/2006/relationships/${t}`;

/** A DOCX from hand-written WordprocessingML. */
export function buildDocx(p: DocxParts): Uint8Array {
  const main = p.mainPath ?? 'word/document.xml';
  const dir = main.slice(0, main.lastIndexOf('/'));
  const base = main.slice(main.lastIndexOf('/') + 1);
  let decl = NS_DECL;
  let body = p.body;
  if (p.strict) {
    // Strict URIs and a non-standard prefix ("ns0" for w, "rel" for r): readers must go by URI.
    decl = `xmlns:ns0="${STRICT_W}" xmlns:rel="${STRICT_R}"`;
    body = body
      .replace(/<(\/?)w:/g, '<$1ns0:')
      .replace(/ w:/g, ' ns0:')
      .replace(/ r:/g, ' rel:');
  }
  const wp = p.strict ? 'ns0' : 'w';
  const files: Record<string, Uint8Array> = {};
  const rels: string[] = [];
  const add = (id: string, type: string, target: string, external = false) =>
    rels.push(
      `<Relationship Id="${id}" Type="${relType(type, p.strict)}" Target="${target}"${external ? ' TargetMode="External"' : ''}/>`,
    );
  files[main] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${wp}:document ${decl}><${wp}:body>${body}</${wp}:body></${wp}:document>`,
  );
  const part = (name: string, type: string, root: string, xml: string | undefined) => {
    if (xml === undefined) return;
    files[`${dir}/${name}`] = strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:${root} ${NS_DECL}>${xml}</w:${root}>`);
    add(`rId${name}`, type, name);
  };
  part('styles.xml', 'styles', 'styles', p.styles);
  part('numbering.xml', 'numbering', 'numbering', p.numbering);
  part('footnotes.xml', 'footnotes', 'footnotes', p.footnotes);
  part('endnotes.xml', 'endnotes', 'endnotes', p.endnotes);
  part('comments.xml', 'comments', 'comments', p.comments);
  for (const [id, [type, target, ext]] of Object.entries(p.rels ?? {})) add(id, type, target, ext);
  for (const [name, bytes] of Object.entries(p.media ?? {})) files[`${dir}/media/${name}`] = bytes;
  files[`${dir}/_rels/${base}.rels`] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${relType('officeDocument', p.strict)}" Target="${main}"/></Relationships>`,
  );
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  Object.assign(files, p.extra ?? {});
  return zipSync(files);
}

// ───────────────────────── paragraph helpers ─────────────────────────

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** A run; props is raw rPr XML. */
export const run = (text: string, props = '') =>
  `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
/** A paragraph; ppr is raw pPr XML, content raw runs (or a plain string). */
export const para = (content: string, ppr = '') =>
  `<w:p>${ppr ? `<w:pPr>${ppr}</w:pPr>` : ''}${content.startsWith('<') ? content : run(content)}</w:p>`;
export const font = (name: string) => `<w:rFonts w:ascii="${name}" w:hAnsi="${name}" w:eastAsia="${name}"/>`;

// ───────────────────────── images ─────────────────────────

/** A valid PNG of w × h pixels (grey), small enough for fixtures. */
export function png(w: number, h: number): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, data.length);
    out.set(strToU8(type), 4);
    out.set(data, 8);
    dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, w);
  dv.setUint32(4, h);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  const raw = new Uint8Array((w + 1) * h).fill(0x80);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0;
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  return concatBytes(parts);
}

/** Only a PNG header claiming w × h (a dimension bomb never needs its pixels). */
export function pngHeaderOnly(w: number, h: number): Uint8Array {
  const b = png(1, 1);
  const dv = new DataView(b.buffer, b.byteOffset);
  dv.setUint32(16, w);
  dv.setUint32(20, h);
  return b;
}

/** A JPEG header with an SOF0 frame of w × h (enough for size sniffing). */
export function jpegHeader(w: number, h: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0,
    16,
    0x4a,
    0x46,
    0x49,
    0x46,
    0,
    1,
    1,
    0,
    0,
    1,
    0,
    1,
    0,
    0,
    0xff,
    0xc0,
    0,
    11,
    8,
    h >> 8,
    h & 255,
    w >> 8,
    w & 255,
    1,
    1,
    0x11,
    0,
    0xff,
    0xd9,
  ]);
}

/** An EMF header (record type 1, " EMF" signature at byte 40). */
export function emf(): Uint8Array {
  const b = new Uint8Array(108);
  b[0] = 1;
  b.set(strToU8(' EMF'), 40);
  return b;
}

export const drawing = (rid: string, cx = 1905000, cy = 952500, descr = '') =>
  `<w:r><w:drawing><wp:inline><wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="1" name="Picture" descr="${descr}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill><a:blip r:embed="${rid}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;

// ───────────────────────── hostile zips ─────────────────────────

/** A zip whose document.xml inflates from a few KB to `mb` MB of spaces (ratio ~1:1000). */
export function zipBomb(mb = 40): Uint8Array {
  const good = buildDocx({ body: para('正常内容') });
  const big = new Uint8Array(mb * 1024 * 1024).fill(0x20);
  const head = strToU8(`<?xml version="1.0"?><w:document xmlns:w="${W}"><w:body>`);
  big.set(head, 0);
  const files: Record<string, Uint8Array> = {
    'word/document.xml': big,
    '_rels/.rels': extractEntry(good, '_rels/.rels'),
    '[Content_Types].xml': extractEntry(good, '[Content_Types].xml'),
  };
  return zipSync(files, { level: 9 });
}

/** Raw bytes of one entry (inflated) from a zip made by buildDocx. */
export function extractEntry(zip: Uint8Array, name: string): Uint8Array {
  return unzipSync(zip, { filter: (f) => f.name === name })[name];
}

/** Renames entries after zipping: names fflate would not let us write (../, absolute, backslash, duplicates). */
export function renameEntries(zip: Uint8Array, map: Record<string, string>): Uint8Array {
  const out = zip.slice();
  const dec = new TextDecoder();
  const enc = new TextEncoder();
  for (let i = 0; i + 4 < out.length; i++) {
    const local = out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 3 && out[i + 3] === 4;
    const central = out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 1 && out[i + 3] === 2;
    if (!local && !central) continue;
    const nOff = local ? 26 : 28;
    const start = local ? 30 : 46;
    const len = out[i + nOff] | (out[i + nOff + 1] << 8);
    const name = dec.decode(out.subarray(i + start, i + start + len));
    const to = map[name];
    if (to !== undefined) {
      const b = enc.encode(to);
      if (b.length !== len) throw new Error(`renameEntries: "${to}" must have the byte length of "${name}"`);
      out.set(b, i + start);
    }
  }
  return out;
}

/** Flips the stored CRC of an entry in the central directory. */
export function corruptCrc(zip: Uint8Array, name: string): Uint8Array {
  const out = zip.slice();
  const enc = new TextEncoder().encode(name);
  for (let i = 0; i + 46 < out.length; i++) {
    if (!(out[i] === 0x50 && out[i + 1] === 0x4b && out[i + 2] === 1 && out[i + 3] === 2)) continue;
    const len = out[i + 28] | (out[i + 29] << 8);
    if (len === enc.length && enc.every((c, k) => out[i + 46 + k] === c)) out[i + 16] ^= 0xff;
  }
  return out;
}

/** An OLE2 container that looks like an encrypted OOXML file (EncryptionInfo + EncryptedPackage). */
export function fakeEncryptedOoxml(): Uint8Array {
  const b = new Uint8Array(4096);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  const utf16 = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0), 0]));
  b.set(utf16('EncryptionInfo'), 1024);
  b.set(utf16('EncryptedPackage'), 1152);
  return b;
}

/** An OLE2 container without encryption streams (what a .doc looks like to a sniffer). */
export function fakeOle2Doc(): Uint8Array {
  const b = new Uint8Array(2048);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0);
  return b;
}

/** A Word owner ("lock") file: 162 bytes, name length then the user's name. */
export function wordLockFile(): Uint8Array {
  const b = new Uint8Array(162);
  b[0] = 4;
  b.set(strToU8('user'), 1);
  return b;
}

export { deflateSync };

// ───────────────────────── DOCX from a SourceDoc (docx library) ─────────────────────────

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
];

function runs(inlines: Inline[], noteIds: Map<string, number>): ParagraphChild[] {
  return inlines.map((i) => {
    if (i.type === 'noteRef') return new FootnoteReferenceRun(noteIds.get(i.id)!);
    if (i.type === 'break') return new TextRun({ text: '', break: 1 });
    return new TextRun({
      text: i.text,
      bold: i.bold,
      italics: i.italic,
      superScript: i.vertAlign === 'super',
      subScript: i.vertAlign === 'sub',
      underline: i.underline ? {} : undefined,
    });
  });
}

const ALIGN = {
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  left: AlignmentType.LEFT,
  justify: AlignmentType.JUSTIFIED,
} as const;

/** The Markdown document written as a DOCX the way a member's Word would hold it. */
export async function sampleItemToDocx(md: SourceDoc): Promise<Uint8Array> {
  const noteIds = new Map(md.footnotes.map((f, k) => [f.id, k + 1]));
  const numbering: { reference: string; levels: ILevelsOptions[] }[] = [];
  const children: (Paragraph | Table)[] = [];
  if (md.title)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: md.title, size: 44, font: { eastAsia: '方正小标宋简体' } })],
      }),
    );
  if (md.authorLine)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: md.authorLine, font: { eastAsia: '楷体_GB2312' } })],
      }),
    );
  for (const b of md.blocks) children.push(...blockToDocx(b, md, noteIds, numbering));
  const doc = new Document({
    numbering: { config: numbering },
    footnotes: Object.fromEntries(
      md.footnotes.map((f) => [
        noteIds.get(f.id)!,
        { children: [new Paragraph({ children: runs(f.inlines, noteIds) })] },
      ]),
    ),
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function blockToDocx(
  b: Block,
  md: SourceDoc,
  noteIds: Map<string, number>,
  numbering: { reference: string; levels: ILevelsOptions[] }[],
): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level], children: runs(b.inlines, noteIds) })];
    case 'paragraph':
      return [new Paragraph({ alignment: b.align ? ALIGN[b.align] : undefined, children: runs(b.inlines, noteIds) })];
    case 'list': {
      // One numbering definition per list, its level text taken from the first label's shape.
      const ref = `list${numbering.length}`;
      const first = b.items[0].label;
      const text = b.ordered ? first.replace(/\d+/, '%1') : first;
      numbering.push({
        reference: ref,
        levels: [
          {
            level: 0,
            format: b.ordered ? LevelFormat.DECIMAL : LevelFormat.BULLET,
            text,
            start: b.ordered ? Number(/\d+/.exec(first)![0]) : 1,
          },
        ],
      });
      return b.items.map(
        (it) => new Paragraph({ numbering: { reference: ref, level: it.level }, children: runs(it.inlines, noteIds) }),
      );
    }
    case 'table': {
      const out: (Paragraph | Table)[] = [];
      if (b.caption) out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(b.caption)] }));
      out.push(
        new Table({
          rows: b.rows.map(
            (r, ri) =>
              new TableRow({
                tableHeader: ri < b.headerRows,
                children: r.cells.map(
                  (c) =>
                    new TableCell({
                      columnSpan: c.colSpan,
                      rowSpan: c.rowSpan,
                      children: c.paragraphs.map(
                        (p) =>
                          new Paragraph({
                            alignment: c.align ? ALIGN[c.align] : undefined,
                            children: runs(p.inlines, noteIds),
                          }),
                      ),
                    }),
                ),
              }),
          ),
        }),
      );
      return out;
    }
    case 'image': {
      const res = md.images[b.resource];
      const out: Paragraph[] = [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [
            new ImageRun({
              type: res.mime === 'image/png' ? 'png' : 'jpg',
              data: fromBase64(res.data),
              transformation: { width: b.width / 2, height: b.height / 2 },
              altText: { name: 'pic', description: b.alt ?? '', title: '' },
            }),
          ],
        }),
      ];
      if (b.caption) out.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun(b.caption)] }));
      return out;
    }
    case 'pageBreak':
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
  }
}

// Written out for a look when run directly: npx tsx scripts/make-fixtures.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const dir = new URL('../test/fixtures/generated/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/tiny.png`, png(4, 3));
  writeFileSync(`${dir}/simple.docx`, buildDocx({ body: para('汇编测试') }));
  console.log(`fixtures written to ${dir}`);
}
