// Converts legacy documents (.doc/.wps/.rtf/.odt) to .docx with LibreOffice headless, the only
// free converter good enough for 公文. Each run gets a private profile dir (parallel runs would
// clash on the profile lock), a private work dir, and a time limit after which the whole process
// group is killed. It must never pass the user's file name to the shell or leave temp files.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SourceFormat } from '../model/session';
import { err, ok, type Result } from '../result';
import type { LegacyConverter } from '../read/registry';

/** Time limit for one conversion (libraries.md: ~1 s warm, ~2 s cold for ordinary files). */
export const LEGACY_TIMEOUT_MS = 60_000;

/** soffice on PATH, the usual Linux/macOS places, or Windows Program Files. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.HUIBIAN_SOFFICE) return existsSync(env.HUIBIAN_SOFFICE) ? env.HUIBIAN_SOFFICE : undefined;
  const win = process.platform === 'win32';
  const names = win ? ['soffice.exe', 'soffice.com'] : ['soffice', 'libreoffice'];
  for (const dir of (env.PATH ?? '').split(path.delimiter))
    for (const n of names) if (dir && existsSync(path.join(dir, n))) return path.join(dir, n);
  const fixed = win
    ? [env.ProgramFiles, env['ProgramFiles(x86)']]
        .filter(Boolean)
        .flatMap((p) => [path.join(p!, 'LibreOffice', 'program', 'soffice.exe')])
    : [
        '/usr/bin/soffice',
        '/usr/local/bin/soffice',
        '/opt/libreoffice/program/soffice',
        '/Applications/LibreOffice.app/Contents/MacOS/soffice',
      ];
  return fixed.find((p) => existsSync(p));
}

/**
 * findSoffice for the current environment, looked up at most once a minute: every file read asks
 * (~20 file-system checks along PATH each time: measurable over a batch of 55 files), and a
 * LibreOffice installed while the app runs is still found a minute later.
 */
let found: { at: number; path: string | undefined } | undefined;
function sofficeNow(): string | undefined {
  const now = Date.now();
  if (!found || now - found.at > 60_000) found = { at: now, path: findSoffice() };
  return found.path;
}

/** A converter bound to a soffice binary, or undefined when LibreOffice is not installed. */
export function legacyConverter(soffice = sofficeNow()): LegacyConverter | undefined {
  if (!soffice) return undefined;
  return (bytes, format, fileName) => convertToDocx(soffice, bytes, format, fileName);
}

export async function convertToDocx(
  soffice: string,
  bytes: Uint8Array,
  format: SourceFormat,
  fileName: string,
  timeoutMs = LEGACY_TIMEOUT_MS,
): Promise<Result<Uint8Array>> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'huibian-lo-'));
  try {
    const profile = path.join(work, 'profile');
    const outDir = path.join(work, 'out');
    // Our own name for the input: the user's file name never reaches the command line.
    const input = path.join(work, `input.${format === 'wps' ? 'wps' : format}`);
    await writeFile(input, bytes);
    const args = [
      `-env:UserInstallation=${pathToFileURL(profile).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      outDir,
      input,
    ];
    const res = await new Promise<{ code: number | null; timedOut: boolean; stderr: string }>((resolve) => {
      const child = spawn(soffice, args, {
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: process.platform !== 'win32',
        windowsHide: true,
      });
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        if (stderr.length < 4000) stderr += d.toString();
      });
      const timer = setTimeout(() => {
        try {
          if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
          else child.kill('SIGKILL');
        } catch {
          // already gone
        }
        resolve({ code: null, timedOut: true, stderr });
      }, timeoutMs);
      child.on('error', (e) => {
        clearTimeout(timer);
        resolve({ code: -1, timedOut: false, stderr: String(e) });
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, timedOut: false, stderr });
      });
    });
    if (res.timedOut)
      return err(
        'import.legacy.timeout',
        `${fileName} 转换超时（超过 ${timeoutMs / 1000} 秒），请用 Word 或 WPS 另存为 .docx 后再导入`,
        { file: fileName },
      );
    const produced = existsSync(outDir)
      ? (await readdir(outDir)).find((f) => f.toLowerCase().endsWith('.docx'))
      : undefined;
    if (!produced)
      return err(
        'import.legacy.failed',
        `${fileName} 无法自动转换（文件可能已损坏或设置了密码），请用 Word 或 WPS 另存为 .docx 后再导入`,
        { file: fileName, detail: `exit ${res.code}: ${res.stderr.slice(0, 500)}` },
      );
    return ok(new Uint8Array(await readFile(path.join(outDir, produced))));
  } catch (e) {
    return err(
      'import.legacy.failed',
      `${fileName} 转换失败：${e instanceof Error ? e.message : String(e)}；请用 Word 或 WPS 另存为 .docx 后再导入`,
      { file: fileName },
    );
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => undefined);
  }
}
