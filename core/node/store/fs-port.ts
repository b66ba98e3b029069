// The file-system calls the store makes, behind one small interface so tests can inject faults
// (disk full, EACCES, a rename refused as on Windows) without a real broken disk — tests run as
// root, where chmod doesn't stop writes. The real implementation is node:fs/promises, unchanged.
import * as fsp from 'node:fs/promises';

export interface FileHandleLike {
  writeFile(data: string | Uint8Array): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface FsPort {
  readFile(file: string): Promise<Uint8Array>;
  open(file: string, flags: 'w' | 'wx' | 'r'): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  stat(file: string): Promise<{ size: number; mtimeMs: number; isDirectory(): boolean }>;
  rm(path: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  cp(from: string, to: string): Promise<void>;
}

export const nodeFs: FsPort = {
  readFile: (f) => fsp.readFile(f),
  open: (f, flags) => fsp.open(f, flags),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (f) => fsp.unlink(f),
  mkdir: async (d) => {
    await fsp.mkdir(d, { recursive: true });
  },
  readdir: (d) => fsp.readdir(d),
  stat: (f) => fsp.stat(f),
  rm: (p) => fsp.rm(p, { recursive: true, force: true }),
  copyFile: (a, b) => fsp.copyFile(a, b),
  cp: (a, b) => fsp.cp(a, b, { recursive: true, errorOnExist: true, force: false }),
};

/** A port whose chosen operations fail with an errno code (tests: ENOSPC, EACCES, EPERM). */
export function faultyFs(
  base: FsPort,
  faults: { op: 'write' | 'rename' | 'open' | 'sync' | 'mkdir'; code: string; match?: RegExp }[],
): FsPort & { faults: typeof faults } {
  const fail = (op: string, file: string) => {
    const f = faults.find((x) => x.op === op && (!x.match || x.match.test(file)));
    if (f) throw Object.assign(new Error(`${f.code}: simulated ${op} failure on ${file}`), { code: f.code });
  };
  return {
    ...base,
    faults,
    async open(file, flags) {
      if (flags !== 'r') fail('open', file);
      const h = await base.open(file, flags);
      return {
        async writeFile(d) {
          try {
            fail('write', file);
          } catch (e) {
            // A disk-full write leaves a partial temp file behind, as a real one would.
            await h.writeFile(typeof d === 'string' ? d.slice(0, 10) : d.subarray(0, 10));
            throw e;
          }
          return h.writeFile(d);
        },
        async sync() {
          fail('sync', file);
          return h.sync();
        },
        close: () => h.close(),
      };
    },
    async rename(a, b) {
      fail('rename', b);
      return base.rename(a, b);
    },
    async mkdir(d) {
      fail('mkdir', d);
      return base.mkdir(d);
    },
  };
}
