// A safe, small XML tree builder for untrusted document parts (reliability H2). Documents with a
// DOCTYPE or an ENTITY declaration are refused before parsing, so nothing is ever expanded, read
// or fetched; saxes itself resolves no external entities. Element and attribute names are
// canonicalised by namespace URI (transitional and Strict OOXML map to the same short prefix), so
// readers never depend on the prefixes a producer happened to choose.
// It must never resolve entities, touch files or the network, or hand prefixes from the input on.
import { SaxesParser } from 'saxes';

export class XmlError extends Error {
  constructor(
    readonly code: 'xml.doctype' | 'xml.malformed' | 'xml.too-deep' | 'xml.too-many-nodes',
    detail: string,
  ) {
    super(detail);
  }
}

export const XML_LIMITS = {
  /** Deeper nesting than this is pathological (Word itself stays far below). */
  maxDepth: 256,
  /** Elements per part; a 1,000-page document has a few million. */
  maxElements: 5_000_000,
} as const;

/** Namespace URI → canonical prefix. Unknown namespaces keep their URI in braces. */
const NS: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'pr',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup': 'wpg',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas': 'wpc',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:office': 'o',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
  'http://www.w3.org/XML/1998/namespace': 'xml',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://purl.oclc.org/ooxml/officeDocument/math': 'm',
};

export interface XmlElement {
  /** Canonical name, e.g. 'w:p', 'a:blip', or '{uri}local' for unknown namespaces. */
  name: string;
  /** Canonical attribute names ('w:val', 'r:embed', plain 'Id' for no namespace). */
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

function canon(uri: string, local: string): string {
  if (!uri) return local;
  const p = NS[uri];
  return p ? `${p}:${local}` : `{${uri}}${local}`;
}

/** Parses an XML part into a tree; throws XmlError. */
export function parseXml(text: string): XmlElement {
  // Entity declarations only live in a DOCTYPE; refusing both closes XXE and billion laughs.
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text))
    throw new XmlError('xml.doctype', 'DOCTYPE/ENTITY declarations are refused');
  const parser = new SaxesParser({
    xmlns: true,
    position: false,
    // A producer that forgot a namespace declaration still gets read, under a private URI.
    resolvePrefix: (prefix: string) => `urn:huibian:unbound:${prefix}`,
  });
  const root: XmlElement = { name: '#root', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  let count = 0;
  let failure: Error | undefined;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    if (++count > XML_LIMITS.maxElements)
      throw new XmlError('xml.too-many-nodes', `more than ${XML_LIMITS.maxElements} elements`);
    if (stack.length > XML_LIMITS.maxDepth)
      throw new XmlError('xml.too-deep', `nesting deeper than ${XML_LIMITS.maxDepth}`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[canon(a.uri, a.local)] = a.value;
    }
    const el: XmlElement = { name: canon(tag.uri, tag.local), attrs, children: [] };
    stack[stack.length - 1].children.push(el);
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (t) => {
    stack[stack.length - 1].children.push(t);
  });
  parser.on('cdata', (t) => {
    stack[stack.length - 1].children.push(t);
  });
  try {
    parser.write(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).close();
  } catch (e) {
    if (e instanceof XmlError) throw e;
    throw new XmlError('xml.malformed', e instanceof Error ? e.message : String(e));
  }
  if (failure) throw new XmlError('xml.malformed', failure.message);
  const top = root.children.find((c): c is XmlElement => typeof c !== 'string');
  if (!top) throw new XmlError('xml.malformed', 'no root element');
  return top;
}

// Small tree helpers used by every OOXML reader.
export const elements = (el: XmlElement | undefined): XmlElement[] =>
  el ? (el.children.filter((c) => typeof c !== 'string') as XmlElement[]) : [];
export const child = (el: XmlElement | undefined, name: string): XmlElement | undefined =>
  el ? (el.children.find((c) => typeof c !== 'string' && c.name === name) as XmlElement | undefined) : undefined;
export const childrenNamed = (el: XmlElement | undefined, name: string): XmlElement[] =>
  elements(el).filter((c) => c.name === name);
export function textOf(el: XmlElement): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}
/** Depth-first search for descendants with a name (not descending into matches). */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (typeof c === 'string') continue;
    if (c.name === name) out.push(c);
    else descendants(c, name, out);
  }
  return out;
}
