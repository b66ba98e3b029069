// Where the app keeps its sessions when no --data is given: HUIBIAN_DATA, else the per-user
// application data folder (%APPDATA%\Huibian on Windows, ~/Library/Application Support/Huibian
// on macOS, $XDG_DATA_HOME/huibian or ~/.local/share/huibian elsewhere). Answers only; never creates.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.HUIBIAN_DATA) return path.resolve(env.HUIBIAN_DATA);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Huibian');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Huibian');
  return path.join(env.XDG_DATA_HOME ?? path.join(os.homedir(), '.local', 'share'), 'huibian');
}

/**
 * The per-user cache folder (things that can always be made again, e.g. import results):
 * HUIBIAN_CACHE_DIR ('off' turns caching off: undefined), else %LOCALAPPDATA%\Huibian\Cache on
 * Windows, ~/Library/Caches/Huibian on macOS, $XDG_CACHE_HOME/huibian or ~/.cache/huibian elsewhere.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string | undefined {
  const set = env.HUIBIAN_CACHE_DIR;
  if (set !== undefined && set !== '') return /^(off|0|false|no)$/i.test(set) ? undefined : path.resolve(set);
  if (platform === 'win32')
    return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'Huibian', 'Cache');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'Huibian');
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'huibian');
}
