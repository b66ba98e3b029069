// Locates the app's bundled resources (fonts, samples) both when running from the repository
// (tsx, tests, CLI) and inside a packaged Electron app (process.resourcesPath). It only answers
// "where is it"; it must never create, modify or download anything.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The resources/ folder: HUIBIAN_RESOURCES, then the packaged app, then the repository. */
export function resourcesDir(): string {
  if (cached) return cached;
  const candidates: string[] = [];
  if (process.env.HUIBIAN_RESOURCES) candidates.push(process.env.HUIBIAN_RESOURCES);
  const rp = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  if (rp) candidates.push(path.join(rp, 'resources'), rp, path.join(rp, 'app.asar.unpacked', 'resources'));
  const here = moduleDir();
  if (here) candidates.push(path.resolve(here, '..', '..', 'resources'));
  candidates.push(path.resolve(process.cwd(), 'resources'));
  for (const c of candidates) {
    if (existsSync(path.join(c, 'fonts'))) return (cached = c);
  }
  // Fall back to the repository layout so the error that follows names a real path.
  return (cached = here ? path.resolve(here, '..', '..', 'resources') : path.resolve(process.cwd(), 'resources'));
}

/** This module's folder; undefined inside a CommonJS bundle (Electron main), where import.meta.url is not set. */
function moduleDir(): string | undefined {
  try {
    return typeof import.meta.url === 'string' ? path.dirname(fileURLToPath(import.meta.url)) : undefined;
  } catch {
    return undefined;
  }
}

export const fontsDir = (): string => path.join(resourcesDir(), 'fonts');
export const samplesDir = (): string => path.join(resourcesDir(), 'samples');
