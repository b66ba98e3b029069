// `huibian serve [--port N] [--data DIR] [--static DIR]`: runs the HTTP transport for the browser
// build and prints ONE line, the URL to open (token in the fragment). Everything else goes to
// stderr. A thin shell over core/node/http-server: it must never bind beyond 127.0.0.1.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer } from '../../core/node/http-server';
import { defaultDataDir } from '../../core/node/store/data-dir';
import { parseCommandArgs } from '../args';

const HELP = `用法：huibian serve [--port 端口] [--data 数据文件夹] [--static 网页文件夹] [--portal-host 地址 --portal-port 端口]

  在本机 127.0.0.1 上启动汇编服务，并输出浏览器要打开的地址（含一次性访问令牌）。
  --port <N>      端口（默认随机空闲端口）
  --data <DIR>    会议数据文件夹（默认 ${defaultDataDir()}）
  --static <DIR>  网页界面文件夹（默认 dist-web/，存在时）
  --portal-host <地址>  网上报送监听的本机网络地址（如 192.168.1.20；默认由会议设置决定）
  --portal-port <N>     网上报送端口（默认由会议设置决定）`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(
    argv,
    {
      port: { type: 'string' },
      data: { type: 'string' },
      static: { type: 'string' },
      'portal-host': { type: 'string' },
      'portal-port': { type: 'string' },
    },
    HELP,
    { positionals: false },
  );
  if (typeof args === 'number') return args;
  const port = args.values.port ? Number(args.values.port) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`端口无效：${args.values.port}`);
    return 2;
  }
  const portalPort = args.values['portal-port'] !== undefined ? Number(args.values['portal-port']) : undefined;
  if (portalPort !== undefined && (!Number.isInteger(portalPort) || portalPort < 1 || portalPort > 65535)) {
    console.error(`网上报送端口无效：${args.values['portal-port']}`);
    return 2;
  }
  const portalHost = args.values['portal-host'];
  if (portalHost !== undefined && !/^[0-9A-Za-z.:-]+$/.test(portalHost)) {
    console.error(`网上报送地址无效：${portalHost}`);
    return 2;
  }
  const dataDir = path.resolve(args.values.data ?? defaultDataDir());
  const staticDir = args.values.static
    ? path.resolve(args.values.static)
    : existsSync('dist-web/index.html')
      ? path.resolve('dist-web')
      : undefined;
  if (staticDir && !existsSync(path.join(staticDir, 'index.html'))) {
    console.error(`网页文件夹中没有 index.html：${staticDir}`);
    return 2;
  }
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (e) {
    console.error(`无法创建数据文件夹 ${dataDir}：${(e as Error).message}`);
    return 1;
  }
  let server;
  try {
    server = await startServer({
      port,
      dataDir,
      staticDir,
      portal: { ...(portalHost ? { host: portalHost } : {}), ...(portalPort ? { port: portalPort } : {}) },
    });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `端口 ${port} 已被占用，请换一个端口或不指定端口`
        : `无法启动服务：${(e as Error).message}`,
    );
    return 1;
  }
  console.log(server.openUrl);
  console.error(
    `数据：${dataDir}${staticDir ? `；界面：${staticDir}` : '（未提供网页界面，只提供 API）'}。按 Ctrl+C 停止。`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  return 0;
}
