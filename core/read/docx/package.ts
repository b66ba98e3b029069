// Opens an OOXML word-processing package: the safe zip, the main document part found through
// _rels/.rels (so a main part at a non-default path or under Strict relationship types is found),
// and the relationships of any part. It must never follow an external relationship: those are
// reported to the caller, never fetched (reliability H4).
import { SafeZip } from '../zip-safe';
import { parseXml, elements, type XmlElement } from '../xml-safe';

export interface Relationship {
  id: string;
  /** Last segment of the relationship type URI: 'officeDocument', 'image', 'footnotes', … */
  type: string;
  /** Resolved part name inside the package, or the raw target when external. */
  target: string;
  external: boolean;
}

export class DocxPackage {
  readonly mainPart: string;
  private readonly relCache = new Map<string, Map<string, Relationship>>();

  constructor(readonly zip: SafeZip) {
    const root = this.rels('');
    const main = [...root.values()].find((r) => r.type === 'officeDocument' && !r.external);
    const fallback = zip.has('word/document.xml') ? 'word/document.xml' : undefined;
    const part = main && zip.has(main.target) ? main.target : fallback;
    if (!part) throw new DocxMissingPart('main document part (word/document.xml) not found');
    this.mainPart = part;
  }

  /** Parsed XML of a part, or undefined when the part is absent. */
  xml(part: string): XmlElement | undefined {
    const text = this.zip.readText(part);
    return text === undefined ? undefined : parseXml(text);
  }

  /** Relationships of a part ('' = the package itself). */
  rels(part: string): Map<string, Relationship> {
    const cached = this.relCache.get(part);
    if (cached) return cached;
    const dir = part.includes('/') ? part.slice(0, part.lastIndexOf('/')) : '';
    const base = part.slice(part.lastIndexOf('/') + 1);
    const relPart = part === '' ? '_rels/.rels' : `${dir ? dir + '/' : ''}_rels/${base}.rels`;
    const map = new Map<string, Relationship>();
    const x = this.xml(relPart);
    for (const r of elements(x)) {
      if (!r.name.endsWith('Relationship')) continue;
      const id = r.attrs.Id;
      const type = (r.attrs.Type ?? '').split('/').pop() ?? '';
      const target = r.attrs.Target ?? '';
      const external = (r.attrs.TargetMode ?? '').toLowerCase() === 'external';
      if (!id) continue;
      map.set(id, { id, type, external, target: external ? target : resolvePart(part === '' ? '' : dir, target) });
    }
    this.relCache.set(part, map);
    return map;
  }

  /** The first internal part related to `part` by a relationship type. */
  related(part: string, type: string): string | undefined {
    for (const r of this.rels(part).values()) if (r.type === type && !r.external) return r.target;
    return undefined;
  }
}

export class DocxMissingPart extends Error {}

/** Resolves a relationship target against the source part's folder; never leaves the package. */
export function resolvePart(dir: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const parts = t.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
