// Schema migrations of session.json. Each step turns version n into n+1 and must be idempotent
// (running it on an already-migrated object changes nothing), so an interrupted migration can
// simply run again. The store backs the file up BEFORE writing a migrated one (S3).
import { SCHEMA_VERSION } from '../../model/session';

export interface Migration {
  from: number;
  /** Chinese, for the notice shown after migrating. */
  description: string;
  up(json: Record<string, unknown>): Record<string, unknown>;
}

/** Known migrations. v0 = a hand-written or early file without schemaVersion. */
export const MIGRATIONS: Migration[] = [
  {
    from: 0,
    description: '补充数据版本号和缺省栏目设置',
    up(json) {
      const sections = Array.isArray(json.sections)
        ? (json.sections as Record<string, unknown>[]).map((s) => ({ sortRule: 'manual', items: [], ...s }))
        : [];
      return { ...json, sections, schemaVersion: 1 };
    },
  },
];

export function versionOf(json: Record<string, unknown>): number {
  const v = json.schemaVersion;
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0;
}

/** Runs every step from the file's version up to `target`. */
export function migrate(
  json: Record<string, unknown>,
  table: Migration[] = MIGRATIONS,
  target = SCHEMA_VERSION,
): { json: Record<string, unknown>; applied: Migration[] } {
  let cur = json;
  const applied: Migration[] = [];
  for (let v = versionOf(cur); v < target; v = versionOf(cur)) {
    const step = table.find((m) => m.from === v);
    if (!step) throw new Error(`no migration from schemaVersion ${v}`);
    const next = step.up(cur);
    if (versionOf(next) <= v) throw new Error(`migration from ${v} did not advance the version`);
    cur = next;
    applied.push(step);
  }
  return { json: cur, applied };
}
