// Golden-file comparison for reader tests: input fixture → expected SourceDoc JSON in
// test/read/golden/<name>.json. UPDATE_GOLDEN=1 rewrites the files; otherwise a missing or
// different golden fails the test (it never silently passes).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';

const dir = new URL('./golden/', import.meta.url).pathname;

export function expectGolden(name: string, value: unknown): void {
  const file = `${dir}${name}.json`;
  const json = JSON.stringify(value, null, 2) + '\n';
  if (process.env.UPDATE_GOLDEN === '1') {
    writeFileSync(file, json);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file missing: ${file} (run with UPDATE_GOLDEN=1 to create it)`);
  expect(JSON.parse(json)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}
