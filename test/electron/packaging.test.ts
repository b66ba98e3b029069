// electron-builder.yml stays valid: it parses, satisfies electron-builder's own JSON schema for the
// keys we use, names the required targets, and points at icons and resources that exist.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
// js-yaml comes with electron-builder (which reads this very file with it).
const yaml = require('js-yaml') as { load(text: string): unknown };
type Platform = { icon: string; target: { target: string; arch: string[] }[] };
type Config = Record<string, Record<string, unknown>> & {
  appId: string;
  productName: string;
  win: Platform;
  mac: Platform;
  linux: Platform;
  files: string[];
  extraResources: { from: string; to: string }[];
};
const config = yaml.load(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as Config;
const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
  properties: Record<string, unknown>;
  definitions: Record<string, { properties?: Record<string, unknown> }>;
};

function targets(platform: Platform): Record<string, string[]> {
  return Object.fromEntries(platform.target.map((t) => [t.target, t.arch]));
}

describe('electron-builder.yml', () => {
  it('uses only keys electron-builder knows', () => {
    const unknown = Object.keys(config).filter((k) => !(k in scheme.properties));
    expect(unknown).toEqual([]);
    for (const [key, def] of [
      ['nsis', 'NsisOptions'],
      ['win', 'WindowsConfiguration'],
      ['mac', 'MacConfiguration'],
      ['linux', 'LinuxConfiguration'],
      ['deb', 'DebOptions'],
      ['dmg', 'DmgOptions'],
      ['electronFuses', 'FuseOptionsV1'],
    ] as const) {
      const props = scheme.definitions[def]?.properties ?? {};
      expect(
        Object.keys(config[key]).filter((k) => !(k in props)),
        key,
      ).toEqual([]);
    }
  });

  it('has the app id, product name and the required targets', () => {
    expect(config.appId).toBe('cn.huibian.app');
    expect(config.productName).toBe('汇编');
    expect(targets(config.win)).toEqual({ nsis: ['x64'] });
    expect(targets(config.mac)).toEqual({ dmg: ['arm64', 'x64'] });
    expect(targets(config.linux)).toEqual({ deb: ['x64', 'arm64'], AppImage: ['x64', 'arm64'] });
  });

  it('ships fonts and the sample as extra resources and has the icons', () => {
    const extra = config.extraResources as { from: string; to: string }[];
    expect(extra.map((e) => e.from)).toEqual(expect.arrayContaining(['resources/fonts', 'resources/samples']));
    for (const e of extra) expect(existsSync(resolve(root, e.from)), e.from).toBe(true);
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon, 'resources/icons/icon.png'])
      expect(existsSync(resolve(root, icon)), icon).toBe(true);
    const png = readFileSync(resolve(root, 'resources/icons/icon.png'));
    expect(png.readUInt32BE(16)).toBe(512);
    expect(png.readUInt32BE(20)).toBe(512);
    expect(readFileSync(resolve(root, 'resources/icons/icon.ico')).readUInt16LE(2)).toBe(1);
    expect(readFileSync(resolve(root, 'resources/icons/icon.icns')).toString('ascii', 0, 4)).toBe('icns');
  });

  it('flips the fuses of E5 and packs the built main and preload', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
    });
    expect(config.files).toEqual(expect.arrayContaining(['dist-electron/**', 'dist-web/**']));
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist-electron/main.cjs');
    expect(pkg.scripts.start).toContain('electron .');
  });
});
