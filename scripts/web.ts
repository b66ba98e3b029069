// `npm run web [-- --port N] [--data DIR] [--rebuild]`: builds the renderer if it is missing or
// older than its sources, starts the HTTP transport serving it, and prints one line with the URL
// to open (the token travels in the fragment). It must never bind beyond 127.0.0.1 (the server
// enforces it) nor print the token anywhere but that one line.
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../core/node/http-server';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const distWeb = join(root, 'dist-web');

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** True when dist-web is missing or older than renderer/, core/contract/ or core/model/. */
export function needsBuild(): boolean {
  const index = join(distWeb, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return [
    join(root, 'renderer'),
    join(root, 'core', 'contract'),
    join(root, 'core', 'model'),
    join(root, 'vite.config.ts'),
  ].some((p) => existsSync(p) && (statSync(p).isDirectory() ? newest(p) : statSync(p).mtimeMs) > built);
}

export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  // A build that changes nothing keeps old mtimes; mark it fresh so it is not redone every run.
  const now = new Date();
  utimesSync(join(distWeb, 'index.html'), now, now);
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  if (process.argv.includes('--rebuild') || needsBuild()) {
    process.stderr.write('正在构建界面（dist-web/）…\n');
    await buildRenderer();
  }
  const dataDir = resolve(arg('data') ?? process.env.HUIBIAN_DATA ?? join(homedir(), '汇编'));
  const port = Number(arg('port') ?? process.env.PORT ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`端口无效：${arg('port')}\n`);
    return 2;
  }
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ port, dataDir, staticDir: distWeb });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    process.stderr.write(
      code === 'EADDRINUSE' ? `端口 ${port} 已被占用，请换一个端口（--port）。\n` : `无法启动服务：${String(e)}\n`,
    );
    return 1;
  }
  process.stdout.write(`汇编已启动，请在浏览器中打开：${server.openUrl}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  void main().then((code) => {
    if (code >= 0) process.exit(code);
  });
}
