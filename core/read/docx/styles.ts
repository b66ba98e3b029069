// Paragraph and character styles of a DOCX, resolved through basedOn chains, reduced to what the
// import needs: heading level, list numbering, bold, East-Asian font, size, alignment, hidden.
// It must never invent a heading level the style does not imply.
import { child, elements, type XmlElement } from '../xml-safe';

export interface RunProps {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  vertAlign?: 'super' | 'sub';
  hidden?: boolean;
  eastAsiaFont?: string;
  /** half-points */
  size?: number;
}

export interface StyleInfo {
  id: string;
  name: string;
  basedOn?: string;
  type: string;
  headingLevel?: number;
  outlineLvl?: number;
  numId?: string;
  ilvl?: number;
  jc?: string;
  run: RunProps;
  isTitle?: boolean;
}

const onOff = (el: XmlElement | undefined): boolean | undefined => {
  if (!el) return undefined;
  const v = el.attrs['w:val'];
  return !(v === '0' || v === 'false' || v === 'off');
};

export function readRunProps(rPr: XmlElement | undefined): RunProps {
  const p: RunProps = {};
  if (!rPr) return p;
  const b = onOff(child(rPr, 'w:b')) ?? onOff(child(rPr, 'w:bCs'));
  if (b !== undefined) p.bold = b;
  const i = onOff(child(rPr, 'w:i'));
  if (i !== undefined) p.italic = i;
  const u = child(rPr, 'w:u');
  if (u) p.underline = (u.attrs['w:val'] ?? 'single') !== 'none';
  const va = child(rPr, 'w:vertAlign')?.attrs['w:val'];
  if (va === 'superscript') p.vertAlign = 'super';
  else if (va === 'subscript') p.vertAlign = 'sub';
  const h = onOff(child(rPr, 'w:vanish')) ?? onOff(child(rPr, 'w:specVanish'));
  if (h !== undefined) p.hidden = h;
  const f = child(rPr, 'w:rFonts');
  if (f) {
    // Producers that set one font for all scripts often leave eastAsia out; ascii is then the face.
    const ea = f.attrs['w:eastAsia'] ?? f.attrs['w:ascii'] ?? f.attrs['w:hAnsi'];
    if (ea) p.eastAsiaFont = ea;
  }
  const sz = child(rPr, 'w:sz')?.attrs['w:val'];
  if (sz && /^\d+$/.test(sz)) p.size = Number(sz);
  return p;
}

export const mergeRun = (base: RunProps, over: RunProps): RunProps => ({ ...base, ...over });

const CN_ORD: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** Heading level implied by a style name, e.g. "heading 1", "标题 1", "一级标题", "Heading1". */
export function headingLevelFromName(name: string): number | undefined {
  const n = name.trim().toLowerCase();
  let m = /^(?:heading|标题)\s*([1-9])$/.exec(n);
  if (m) return Number(m[1]);
  m = /^([一二三四])级标题$/.exec(n);
  if (m) return CN_ORD[m[1]];
  return undefined;
}

export class Styles {
  private readonly byId = new Map<string, StyleInfo>();
  private readonly resolved = new Map<string, StyleInfo>();
  defaultParagraphStyle?: string;
  docDefaultsRun: RunProps = {};

  constructor(root: XmlElement | undefined) {
    if (!root) return;
    const dd = child(root, 'w:docDefaults');
    this.docDefaultsRun = readRunProps(child(child(dd, 'w:rPrDefault'), 'w:rPr'));
    for (const s of elements(root)) {
      if (s.name !== 'w:style') continue;
      const id = s.attrs['w:styleId'];
      if (!id) continue;
      const pPr = child(s, 'w:pPr');
      const numPr = child(pPr, 'w:numPr');
      const ol = child(pPr, 'w:outlineLvl')?.attrs['w:val'];
      const name = child(s, 'w:name')?.attrs['w:val'] ?? id;
      const info: StyleInfo = {
        id,
        name,
        type: s.attrs['w:type'] ?? 'paragraph',
        basedOn: child(s, 'w:basedOn')?.attrs['w:val'],
        outlineLvl: ol !== undefined && /^\d$/.test(ol) ? Number(ol) : undefined,
        numId: child(numPr, 'w:numId')?.attrs['w:val'],
        ilvl: numPr ? Number(child(numPr, 'w:ilvl')?.attrs['w:val'] ?? 0) : undefined,
        jc: child(pPr, 'w:jc')?.attrs['w:val'],
        run: readRunProps(child(s, 'w:rPr')),
      };
      info.headingLevel = headingLevelFromName(name) ?? headingLevelFromName(id);
      info.isTitle = /^(title|标题)$/i.test(name.trim()) || id === 'Title';
      this.byId.set(id, info);
      if (s.attrs['w:default'] === '1' && info.type === 'paragraph') this.defaultParagraphStyle = id;
    }
  }

  /** A style with inherited properties filled in from its basedOn chain. */
  get(id: string | undefined): StyleInfo | undefined {
    if (!id) return undefined;
    const hit = this.resolved.get(id);
    if (hit) return hit;
    const chain: StyleInfo[] = [];
    const seen = new Set<string>();
    for (let s = this.byId.get(id); s && !seen.has(s.id); s = s.basedOn ? this.byId.get(s.basedOn) : undefined) {
      seen.add(s.id);
      chain.unshift(s);
    }
    if (!chain.length) return undefined;
    const own = chain[chain.length - 1];
    const r: StyleInfo = { ...own, run: {} };
    for (const s of chain) {
      r.run = mergeRun(r.run, s.run);
      if (s.outlineLvl !== undefined) r.outlineLvl = s.outlineLvl;
      if (s.numId !== undefined) {
        r.numId = s.numId;
        r.ilvl = s.ilvl;
      }
      if (s.jc !== undefined) r.jc = s.jc;
    }
    // A heading level comes from the style's own name first, then from an inherited heading.
    r.headingLevel =
      own.headingLevel ??
      chain
        .map((s) => s.headingLevel)
        .filter((x) => x !== undefined)
        .pop();
    this.resolved.set(id, r);
    return r;
  }
}
