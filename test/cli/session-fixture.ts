// A session folder for the CLI tests: session.json with one section holding the given items
// (sources beside it, written by the test), like the hand-made folders clerks keep.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface FixtureItem {
  id: string;
  title: string;
  file: string;
  format: string;
}

/** Writes <root>/session/session.json for `items` (and any extra session fields); returns the folder. */
export function writeSessionFolder(root: string, items: FixtureItem[], extra: object = {}, id = 'folder-test'): string {
  const dir = path.join(root, 'session');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'session.json'),
    JSON.stringify(
      {
        schemaVersion: 1,
        id,
        name: '测试会议',
        date: '2026-12-01',
        sections: [{ id: 'sec-1', title: '大会发言', items: items.map((s) => s.id) }],
        submissions: items.map((s) => ({
          id: s.id,
          title: s.title,
          authorLine: '市政协委员 王明',
          source: { file: s.file, format: s.format },
        })),
        ...extra,
      },
      null,
      2,
    ),
  );
  return dir;
}
