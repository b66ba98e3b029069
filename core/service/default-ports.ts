// Pure fallbacks for the importer and sorter ports, used until (or unless) the richer node
// implementations are wired: import through the reader registry; sort 'manual' and 'received'.
import type { SourceFormat } from '../model/session';
import { SourceFormatSchema } from '../model/session';
import { readSource } from '../read/registry';
import { err, ok } from '../result';
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
        out.push({ name: f.name, ok: false, error: { code: 'import.unsupported', message: `不支持的文件类型：${f.name}（请使用 .docx、.pdf、.txt 或 .md）`, file: f.name }, warnings: [] });
        continue;
      }
      if (f.bytes.length === 0) {
        out.push({ name: f.name, ok: false, format, error: { code: 'import.empty', message: `文件是空的：${f.name}`, file: f.name }, warnings: [] });
        continue;
      }
      const r = await readSource(f.bytes, { format, fileName: f.name });
      if (!r.ok) {
        out.push({ name: f.name, ok: false, format, error: r.error, warnings: [] });
        continue;
      }
      // Only reading here: the service turns the document into an item through core/read/intake.
      const doc = r.value;
      out.push({ name: f.name, ok: true, format, doc, title: doc.title, authorLine: doc.authorLine ?? '', warnings: doc.warnings });
    }
    return out;
  },
};

export const basicSorter: Sorter = {
  sort(session, sectionId, rule) {
    const sec = session.sections.find((s) => s.id === sectionId);
    if (!sec) return err('not-found', `找不到栏目：${sectionId}`);
    if (rule === 'manual') return ok({ items: sec.items.slice(), unknownChars: [] });
    if (rule !== 'received') return err('order.unavailable', `暂不支持按此规则排序：${rule}`);
    const byId = new Map(session.submissions.map((s) => [s.id, s]));
    const pinned = new Map<number, string>();
    const free: string[] = [];
    sec.items.forEach((id, i) => (byId.get(id)?.options.pinned ? pinned.set(i, id) : free.push(id)));
    free.sort((a, b) => (byId.get(a)?.receivedAt ?? '').localeCompare(byId.get(b)?.receivedAt ?? ''));
    const outList: string[] = [];
    for (let i = 0; i < sec.items.length; i++) outList.push(pinned.get(i) ?? free.shift()!);
    return ok({ items: outList, unknownChars: [] });
  },
};
