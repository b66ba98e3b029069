// `huibian portal links <会议编号> [--out links.csv|qr.pdf]`: the 网上报送 links of a session from a
// terminal — one line per member (name, 界别, URL) on stdout, or a CSV (opens in Excel: UTF-8
// with BOM) with the notice texts, or the printable QR sheet. Goes through the contract like the
// app; issuing missing links is the same edit the app makes.
import { copyFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DATA_OPTION_HELP, withLocalClient } from '../local-client';
import { parseCommandArgs } from '../args';

const HELP = `用法：huibian portal links <会议编号|会议文件夹> [--out 链接.csv|二维码.pdf] [--data 数据文件夹]

  列出每位委员的网上报送个人链接（需先在界面或用 huibian call portal.open 开启网上报送）。
  会议文件夹：数据文件夹中的 sessions/<会议编号>/（含 session.json）。
  --out <文件.csv>   保存为表格（姓名、界别、链接、通知文字）
  --out <文件.pdf>   保存为可打印的二维码表
${DATA_OPTION_HELP}`;

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { out: { type: 'string' }, data: { type: 'string' } }, HELP);
  if (typeof args === 'number') return args;
  const [sub, target, ...extra] = args.positionals;
  if (sub !== 'links' || !target || extra.length) {
    console.error(HELP);
    return 2;
  }
  const where = await resolveSession(target, args.values.data);
  if (typeof where === 'string') {
    console.error(where);
    return 2;
  }
  const { sessionId, dataDir } = where;
  const out = args.values.out ? path.resolve(args.values.out) : undefined;
  if (out && !/\.(csv|pdf)$/i.test(out)) {
    console.error(`--out 只能是 .csv 或 .pdf 文件：${out}`);
    return 2;
  }
  return withLocalClient(dataDir, async (c) => {
    const fail = (e: { code: string; message: string }) => {
      console.error(`失败：${e.message}（${e.code}）`);
      return 1;
    };
    const opened = await c.call('sessions.open', { sessionId });
    if (!opened.ok) return fail(opened.error);
    if (out && /\.pdf$/i.test(out)) {
      const r = await c.call('portal.qrSheet', { sessionId });
      if (!r.ok) return fail(r.error);
      if (!r.value.path) return fail({ code: 'portal.qr', message: '二维码表没有写到本机文件' });
      await copyFile(r.value.path, out);
      console.log(`已保存二维码表：${out}`);
      return 0;
    }
    const r = await c.call('portal.links', { sessionId });
    if (!r.ok) return fail(r.error);
    if (!out) {
      for (const l of r.value) console.log(`${l.name}\t${l.sector}\t${l.url}`);
      if (!r.value.length) console.error('（名单中没有委员）');
      return 0;
    }
    const rows = [['姓名', '界别', '链接', '通知'], ...r.value.map((l) => [l.name, l.sector, l.url, l.notice])];
    await writeFile(out, '\ufeff' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n');
    console.log(`已保存 ${r.value.length} 个链接：${out}`);
    return 0;
  });
}

/**
 * A session id (in --data or the default data folder), or the folder of a session inside a data
 * folder (<data>/sessions/<id>/, which holds session.json): the data folder is then its grandparent.
 */
async function resolveSession(
  target: string,
  dataArg: string | undefined,
): Promise<{ sessionId: string; dataDir: string | undefined } | string> {
  const dir = path.resolve(target);
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) return { sessionId: target, dataDir: dataArg };
  const hasSession = await stat(path.join(dir, 'session.json')).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!hasSession) return `不是会议文件夹（其中没有 session.json）：${dir}`;
  if (path.basename(path.dirname(dir)) !== 'sessions')
    return `这个会议文件夹不在汇编的数据文件夹中：${dir}。网上报送的链接要保存在会议里，请先用 huibian session import 或在应用中打开这个会议。`;
  return { sessionId: path.basename(dir), dataDir: path.dirname(path.dirname(dir)) };
}
