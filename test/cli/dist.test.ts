// The built CLI (cli/dist/, committed) must match the sources, import only packages listed under
// `dependencies` (an install without dev dependencies has a working `huibian`), and run without a
// TypeScript loader.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCli, CLI_DIST } from '../../cli/build';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  bin: Record<string, string>;
};
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

describe('cli/dist', () => {
  let externals: { path: string; kind: string }[] = [];
  it('is what cli/build.ts makes from the sources now (run `npm run build:cli` when this fails)', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'hb-cli-dist-'));
    const meta = await buildCli(out);
    externals = Object.values(meta.outputs).flatMap((o) =>
      o.imports.filter((i) => i.external).map((i) => ({ path: i.path, kind: i.kind })),
    );
    const fresh = readdirSync(out).sort();
    expect(readdirSync(CLI_DIST).sort()).toEqual(fresh);
    for (const f of fresh)
      expect(
        readFileSync(path.join(CLI_DIST, f), 'utf8') === readFileSync(path.join(out, f), 'utf8'),
        `cli/dist/${f} is stale`,
      ).toBe(true);
  }, 60_000);

  it('imports only Node built-ins and runtime dependencies', () => {
    expect(externals.length).toBeGreaterThan(5);
    const builtins = new Set(builtinModules);
    // esbuild is imported lazily, only when the read worker runs from TypeScript sources (tests, tsx).
    const devOnlyWhenFromSources = new Set(['esbuild']);
    const bad = externals
      .filter((e) => !e.path.startsWith('node:') && !builtins.has(e.path) && !(packageOf(e.path) in pkg.dependencies))
      .filter((e) => !(devOnlyWhenFromSources.has(packageOf(e.path)) && e.kind === 'dynamic-import'))
      .map((e) => `${e.path} (${e.kind})`);
    expect([...new Set(bad)]).toEqual([]);
  });

  it('runs from the bin without tsx', () => {
    expect(pkg.bin.huibian).toBe('cli/bin.mjs');
    const r = spawnSync(process.execPath, [path.join(root, 'cli', 'bin.mjs'), 'sort', '--rule', 'pinyin'], {
      input: '赵六\n阿明\n',
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('阿明\n赵六\n');
    const bin = readFileSync(path.join(root, 'cli', 'bin.mjs'), 'utf8');
    expect(bin).not.toMatch(/tsx/);
  });
});
