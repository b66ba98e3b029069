// The one page-composition engine of print production: every output (booklet sheets, 2-up
// handouts, numbered copies, watermarked or padded files) is a list of new pages, each drawing
// pages of existing PDFs as Form XObjects at a position and scale. Source pages become forms once
// and are shared by every output page that shows them, so 100 copies of a 160-page dossier in one
// file cost little more than one copy. It never changes the source PDFs' content and never
// re-encodes their text, so the text layer (and pdftotext) stays exact.
// Coordinates here are PDF points with the origin at the bottom-left of the output page.
import {
  PDFArray,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFObjectCopier,
  PDFPageEmbedder,
  PDFRef,
  PDFStream,
  type PDFPageLeaf,
} from 'pdf-lib';
import { AppException } from '../result';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * pdf-lib yields to a timer (≥ 1 ms) every 50 objects by default: for 100 copies (35,000 objects)
 * that was measured as most of the wall time. Yield rarely, so a host event loop still breathes.
 */
export const OBJECTS_PER_TICK = 5000;

/** A loaded PDF whose pages are available as Form XObjects. Load once, compose many times. */
export class FormLibrary {
  private readonly forms = new Map<number, PDFRef>();
  private readonly converted = new Set<PDFRef>();
  readonly boxes: Box[];

  private constructor(readonly doc: PDFDocument) {
    this.boxes = doc.getPages().map((p) => {
      const mb = p.node
        .MediaBox()
        .asArray()
        .map((n) => (n as PDFNumber).asNumber());
      return {
        x: Math.min(mb[0], mb[2]),
        y: Math.min(mb[1], mb[3]),
        width: Math.abs(mb[2] - mb[0]),
        height: Math.abs(mb[3] - mb[1]),
      };
    });
  }

  static async load(bytes: Uint8Array, what = 'PDF'): Promise<FormLibrary> {
    let doc: PDFDocument;
    try {
      doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: OBJECTS_PER_TICK });
    } catch (e) {
      throw new AppException({
        code: 'print.pdf-unreadable',
        message: `无法读取${what}：${(e as Error).message}`,
        detail: String(e),
      });
    }
    return new FormLibrary(doc);
  }

  get pageCount(): number {
    return this.boxes.length;
  }

  /** The page as a Form XObject inside this library's own document. */
  async form(index: number): Promise<PDFRef> {
    const have = this.forms.get(index);
    if (have) return have;
    if (index < 0 || index >= this.boxes.length)
      throw new AppException({
        code: 'print.page-out-of-range',
        message: `页码超出范围：第 ${index + 1} 页（共 ${this.boxes.length} 页）`,
      });
    const node = this.doc.getPage(index).node;
    const made =
      this.reuseContentStream(node) ?? (await (await PDFPageEmbedder.for(node)).embedIntoContext(this.doc.context));
    this.forms.set(index, made);
    return made;
  }

  /**
   * A page drawn by one content stream (what pdfkit writes) becomes a form by adding the form keys
   * to that stream's dictionary: no decoding, no copy, no re-compression.
   */
  private reuseContentStream(node: PDFPageLeaf): PDFRef | undefined {
    let contents = node.get(PDFName.of('Contents'));
    if (contents instanceof PDFArray && contents.size() === 1) contents = contents.get(0);
    if (!(contents instanceof PDFRef) || this.converted.has(contents)) return undefined;
    const stream = this.doc.context.lookup(contents);
    if (!(stream instanceof PDFStream)) return undefined;
    const resources = node.getInheritableAttribute(PDFName.of('Resources'));
    const dict = stream.dict;
    dict.set(PDFName.of('Type'), PDFName.of('XObject'));
    dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
    dict.set(PDFName.of('BBox'), node.MediaBox().clone());
    if (resources) dict.set(PDFName.of('Resources'), resources);
    else dict.set(PDFName.of('Resources'), this.doc.context.obj({}));
    this.converted.add(contents);
    return contents;
  }
}

/** One source page drawn on an output page. */
export interface Layer {
  lib: FormLibrary;
  page: number;
  /** Where the source page's bottom-left corner lands, and its scale. */
  x: number;
  y: number;
  scale?: number;
  /** Optional clip rectangle on the output page (e.g. one half of a booklet sheet). */
  clip?: Box;
}

export interface OutputPage {
  width: number;
  height: number;
  layers: Layer[];
}

/** Numbers in content streams: short, and never in exponent notation. */
const num = (v: number): string => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

const PAGES_PER_NODE = 64;

/**
 * Builds a new PDF from output page specs. `pages` may be a generator, so a 16,000-page file of
 * numbered copies is never held twice in memory as specs. Page objects are written directly into
 * a two-level page tree: pdf-lib's addPage walks the whole tree on every insert, which was measured
 * at 41 s for 100 copies of a 166-page dossier (quadratic); this way it is linear.
 */
export async function composePdf(pages: Iterable<OutputPage>, info: { title?: string } = {}): Promise<Uint8Array> {
  const out = await PDFDocument.create({ updateMetadata: false });
  out.setProducer('Huibian');
  out.setCreator('Huibian');
  if (info.title) out.setTitle(info.title);
  const ctx = out.context;
  const copiers = new Map<FormLibrary, { copy: (r: PDFRef) => PDFRef; refs: Map<number, PDFRef> }>();
  const formIn = async (lib: FormLibrary, page: number): Promise<PDFRef> => {
    let c = copiers.get(lib);
    if (!c) {
      const copier = PDFObjectCopier.for(lib.doc.context, ctx);
      c = { copy: (r) => copier.copy(r), refs: new Map() };
      copiers.set(lib, c);
    }
    let ref = c.refs.get(page);
    if (!ref) {
      ref = c.copy(await lib.form(page));
      c.refs.set(page, ref);
    }
    return ref;
  };
  const rootRef = out.catalog.get(PDFName.of('Pages')) as PDFRef;
  const root = out.catalog.Pages();
  const rootKids = ctx.obj([]);
  let nodeRef: PDFRef | undefined;
  let nodeKids = ctx.obj([]);
  let nodeCount = 0;
  let count = 0;
  const streams = new Map<string, PDFRef>();
  const closeNode = () => {
    if (!nodeRef) return;
    ctx.assign(nodeRef, ctx.obj({ Type: 'Pages', Parent: rootRef, Kids: nodeKids, Count: nodeCount }));
    nodeRef = undefined;
  };
  for (const spec of pages) {
    if (!nodeRef) {
      nodeRef = ctx.nextRef();
      rootKids.push(nodeRef);
      nodeKids = ctx.obj([]);
      nodeCount = 0;
    }
    const xobjects: Record<string, PDFRef> = {};
    const ops: string[] = [];
    for (let i = 0; i < spec.layers.length; i++) {
      const layer = spec.layers[i];
      const name = `P${i}`;
      xobjects[name] = await formIn(layer.lib, layer.page);
      const box = layer.lib.boxes[layer.page];
      const s = layer.scale ?? 1;
      ops.push('q');
      if (layer.clip)
        ops.push(`${num(layer.clip.x)} ${num(layer.clip.y)} ${num(layer.clip.width)} ${num(layer.clip.height)} re W n`);
      ops.push(`${num(s)} 0 0 ${num(s)} ${num(layer.x - s * box.x)} ${num(layer.y - s * box.y)} cm /${name} Do Q`);
    }
    // Pages of a copy differ only in which forms P0, P1 … name, so their drawing code is usually
    // identical: one shared content stream per distinct text halves the objects written.
    const code = ops.join('\n');
    let contents = streams.get(code);
    if (!contents) streams.set(code, (contents = ctx.register(ctx.stream(code))));
    const leaf = ctx.obj({
      Type: 'Page',
      Parent: nodeRef,
      MediaBox: [0, 0, spec.width, spec.height],
      Resources: { XObject: xobjects },
      Contents: contents,
    });
    nodeKids.push(ctx.register(leaf));
    nodeCount++;
    count++;
    if (nodeCount === PAGES_PER_NODE) closeNode();
  }
  closeNode();
  if (count === 0) throw new AppException({ code: 'print.empty', message: '没有可输出的页面' });
  root.set(PDFName.of('Kids'), rootKids);
  root.set(PDFName.of('Count'), ctx.obj(count));
  return out.save({
    useObjectStreams: false,
    addDefaultPage: false,
    updateFieldAppearances: false,
    objectsPerTick: OBJECTS_PER_TICK,
  });
}

/** A4 and friends, in points. */
export const PAPER = {
  A3: { width: 841.89, height: 1190.55 },
  A4: { width: 595.28, height: 841.89 },
  A5: { width: 419.53, height: 595.28 },
} as const;
export type PaperName = keyof typeof PAPER;
