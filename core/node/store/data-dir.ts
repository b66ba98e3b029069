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
