// Reads a .docx back for the tests: unzips with fflate, checks every XML part is well-formed with
// saxes, and offers small extractors (paragraph texts, section properties, style blocks).
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

export interface DocxParts {
  files: Record<string, Uint8Array>;
  xml(name: string): string;
}

export function readDocx(bytes: Uint8Array): DocxParts {
  const files = unzipSync(bytes);
  const dec = new TextDecoder();
  return {
    files,
    xml(name: string) {
      const f = files[name];
      if (!f) throw new Error(`missing part ${name}`);
      return dec.decode(f);
    },
  };
}

/** Throws on malformed XML (what Word would call a corrupt file). */
export function assertWellFormed(xml: string, name: string): void {
  const p = new SaxesParser({ xmlns: true });
  let error: Error | undefined;
  p.on('error', (e) => {
    error ??= e;
  });
  p.write(xml).close();
  if (error) throw new Error(`${name}: ${error.message}`);
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Text of each w:p in document order (tabs as \t, breaks as \n). */
export function paragraphTexts(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    let t = '';
    for (const r of m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\/>/g)) {
      if (r[0] === '<w:tab/>') t += '\t';
      else if (r[0] === '<w:br/>') t += '\n';
      else t += decodeXml(r[1]);
    }
    out.push(t);
  }
  return out;
}

/** The w:sectPr elements of document.xml, in order. */
export function sectionProps(xml: string): string[] {
  return [...xml.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
}

/** The XML of one style by id. */
export function styleXml(styles: string, id: string): string | undefined {
  return styles.match(new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`))?.[0];
}
