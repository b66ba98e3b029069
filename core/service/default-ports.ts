// Pure defaults for the importer and sorter ports: import through the reader registry (the node
// side wires the worker-pool importer); sort with core/order's rules (the same everywhere).
import type { SourceFormat } from '../model/session';
import { SourceFormatSchema } from '../model/session';
import { readSource } from '../read/registry';
import { createOrderSorter } from '../order/sorter';
import { sortMembers } from '../order/member-sort';
import type { ImportedFile, Importer, Sorter } from './ports';

export function formatOf(name: string): SourceFormat | undefined {
  const ext = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (!ext) return undefined;
  const f = ext === 'markdown' ? 'md' : ext;
  const p = SourceFormatSchema.safeParse(f);
  return p.success ? p.data : undefined;
}

export const registryImporter: Importer = {
  async importFiles(files) {
    const out: ImportedFile[] = [];
    for (const f of files) {
      const format = formatOf(f.name);
      if (!format) {
        out.push({
          name: f.name,
          ok: false,
          error: {
            code: 'import.unsupported',
            message: `不支持的文件类型：${f.name}（请使用 .docx、.pdf、.txt 或 .md）`,
            file: f.name,
          },
          warnings: [],
        });
        continue;
      }
      if (f.bytes.length === 0) {
        out.push({
          name: f.name,
          ok: false,
          format,
          error: { code: 'import.empty', message: `文件是空的：${f.name}`, file: f.name },
          warnings: [],
        });
        continue;
      }
      const r = await readSource(f.bytes, { format, fileName: f.name });
      if (!r.ok) {
        out.push({ name: f.name, ok: false, format, error: r.error, warnings: [] });
        continue;
      }
      // Only reading here: the service turns the document into an item through core/read/intake.
      const doc = r.value;
      out.push({
        name: f.name,
        ok: true,
        format,
        doc,
        title: doc.title,
        authorLine: doc.authorLine ?? '',
        warnings: doc.warnings,
      });
    }
    return out;
  },
};

/** The ordering rules (GF 3003 strokes, pinyin, 界别, party, rank, received, manual) straight from
 * core/order; the characters without stroke data come back per call. */
export function orderSorter(): Sorter {
  const order = createOrderSorter();
  return {
    sort: (session, sectionId, rule) => order.sortWithReport(session, sectionId, rule),
    sortMembers: (members, rule) => sortMembers(members, rule),
  };
}
