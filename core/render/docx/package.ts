// Last touches on the packed .docx that the docx library has no option for, done on the XML text:
// - styles: paragraphs off the 22-line grid (tables, pictures, cover, titles, notes, footers) get
//   snapToGrid=0, else LibreOffice rounds every such line up to whole grid lines (an 18 pt table
//   line became 58 pt); widow/orphan control as the PDF's make-up setting says; no automatic
//   Chinese–Latin spacing (autoSpaceDE/DN=0) and no punctuation hanging past the margin
//   (overflowPunct=0, ECMA-376 §17.3.1.21), which the PDF does not do either. Word honours both;
//   LibreOffice 7.4 ignores autoSpaceDE/DN at every level (it adds 1/5 em around Latin and digits)
//   and reads overflowPunct inverted (val=0 makes it hang 、。): we write what Word reads, and the
//   LibreOffice tests convert a copy corrected for those two (test/render-docx/libreoffice.ts);
// - settings: no punctuation compression (Word would squeeze 29 characters into a line that holds
//   28 in the PDF); mirrored margins for duplex binding;
// - fontTable: every Chinese font with charset 86 and an alternate, so Word substitutes a Chinese
//   face of the same kind when a PC lacks 方正小标宋简体 or 仿宋_GB2312.
// Elements are inserted in the schema's order (Word rejects out-of-order settings).
// It must never change text or structure, and must leave the package valid when a part is missing.
import { Packer, type Document } from 'docx';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { STYLE } from './styles';
import { WORD_FONT_ALTERNATES, type WordFonts } from './word-fonts';

const OFF_GRID_STYLES = [
  STYLE.tableText,
  STYLE.tableHeader,
  STYLE.figure,
  STYLE.coverSession,
  STYLE.coverTheme,
  STYLE.coverBook,
  STYLE.coverFoot,
  STYLE.figureCaption,
  STYLE.tocTitle,
  STYLE.prefaceTitle,
  STYLE.title,
  STYLE.footnote,
  STYLE.footer,
];

/** English names Word also knows these fonts by. */
const ENGLISH_NAMES: Record<string, string> = { 仿宋: 'FangSong', 宋体: 'SimSun', 黑体: 'SimHei', 楷体: 'KaiTi' };

const NO_AUTOSPACE = '<w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';

const escAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function patchStyles(xml: string, o: { widowControl?: boolean } = {}): string {
  for (const id of OFF_GRID_STYLES) {
    const re = new RegExp(`(<w:style [^>]*w:styleId="${escRe(id)}"[^>]*>[\\s\\S]*?<w:pPr>[\\s\\S]*?)(<w:spacing )`);
    xml = xml.replace(re, (_, head: string, sp: string) =>
      head.includes('<w:snapToGrid') ? head + sp : `${head}<w:snapToGrid w:val="0"/>${sp}`,
    );
  }
  // No automatic space between Chinese and Latin/digits (Word adds some each side of "26" in
  // "全市已有26个村" unless told not to; the PDF measures the run as it is). Written in every
  // style and in the defaults. Inserted before snapToGrid/spacing: schema order.
  xml = xml.replace(/<w:style [^>]*>[\s\S]*?<\/w:style>/g, (style) =>
    style.replace(/(<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*?)(<w:snapToGrid |<w:spacing )/, (_, head: string, next: string) =>
      head.includes('<w:autoSpaceDE') ? head + next : `${head}${NO_AUTOSPACE}${next}`,
    ),
  );
  // Document defaults: widow control (孤行控制) as the PDF's page make-up does, or off when the
  // settings turn it off (the PDF then fills every line of the grid).
  xml = xml.replace(
    /(<w:pPrDefault><w:pPr>)/,
    `$1${o.widowControl ? '<w:widowControl/>' : '<w:widowControl w:val="0"/>'}${NO_AUTOSPACE}`,
  );
  return xml;
}

export function patchSettings(xml: string, o: { mirrorMargins: boolean }): string {
  if (o.mirrorMargins && !xml.includes('<w:mirrorMargins')) {
    xml = xml.includes('<w:defaultTabStop')
      ? xml.replace('<w:defaultTabStop', '<w:mirrorMargins/><w:defaultTabStop')
      : xml.replace('</w:settings>', '<w:mirrorMargins/></w:settings>');
  }
  if (!xml.includes('<w:characterSpacingControl')) {
    const csc = '<w:characterSpacingControl w:val="doNotCompress"/>';
    xml = xml.includes('<w:compat>')
      ? xml.replace('<w:compat>', `${csc}<w:compat>`)
      : xml.replace('</w:settings>', `${csc}</w:settings>`);
  }
  return xml;
}

export function patchFontTable(xml: string, fonts: WordFonts): string {
  const names = [...new Set(Object.values(fonts))];
  const entries = names
    .filter((n) => !xml.includes(`w:name="${escAttr(n)}"`))
    .map((n) => {
      const alt = WORD_FONT_ALTERNATES[n] ?? ENGLISH_NAMES[n];
      return `<w:font w:name="${escAttr(n)}">${alt ? `<w:altName w:val="${escAttr(alt)}"/>` : ''}<w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`;
    })
    .join('');
  if (!entries) return xml;
  if (/<w:fonts\b[^>]*\/>/.test(xml)) return xml.replace(/<w:fonts\b([^>]*)\/>/, `<w:fonts$1>${entries}</w:fonts>`);
  return xml.replace('</w:fonts>', `${entries}</w:fonts>`);
}

type Part = string | Uint8Array;

function patchParts(
  files: Map<string, Part> | Record<string, Part>,
  o: { mirrorMargins: boolean; fonts: WordFonts; widowControl?: boolean },
): Zippable {
  const dec = new TextDecoder();
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  // [Content_Types].xml first, as Word writes it: some readers sniff the package by its first entry.
  entries.sort((a, b) => Number(b[0] === '[Content_Types].xml') - Number(a[0] === '[Content_Types].xml'));
  const patchers: Record<string, (xml: string) => string> = {
    'word/styles.xml': (x) => patchStyles(x, o),
    'word/settings.xml': (x) => patchSettings(x, o),
    'word/fontTable.xml': (x) => patchFontTable(x, o.fonts),
  };
  const out: Zippable = {};
  for (const [name, data] of entries) {
    const patch = patchers[name];
    let bytes: Uint8Array;
    if (patch) bytes = enc.encode(patch(typeof data === 'string' ? data : dec.decode(data)));
    else bytes = typeof data === 'string' ? enc.encode(data) : data;
    // Pictures are already compressed; level 3 deflates the XML nearly as well as 6, much faster.
    out[name] = [bytes, { level: /^word\/media\//.test(name) ? 0 : 3 }];
  }
  return out;
}
const enc = new TextEncoder();

/** The package parts the docx library would zip, when its compiler is reachable (docx 9.x). */
interface PartsCompiler {
  compile(file: unknown, prettify?: unknown, overrides?: unknown[]): Map<string, Part>;
}

/**
 * Zips the document once with the patches applied. The docx library's own Packer would deflate
 * everything, and patching its zip means inflating and deflating it all again (a third of the
 * time for a 160-page dossier); its compiler gives the parts directly. If a later docx version
 * hides the compiler, the packed zip is patched instead — slower, same bytes of XML.
 */
export async function packDocument(
  doc: Document,
  o: { mirrorMargins: boolean; fonts: WordFonts; widowControl?: boolean },
): Promise<Uint8Array> {
  const compiler = (Packer as unknown as { compiler?: PartsCompiler }).compiler;
  if (compiler && typeof compiler.compile === 'function') {
    const parts = compiler.compile(doc, undefined, []);
    if (parts instanceof Map && parts.has('word/document.xml')) return zipSync(patchParts(parts, o));
  }
  const packed = new Uint8Array(await Packer.toArrayBuffer(doc));
  return zipSync(patchParts(unzipSync(packed), o));
}
