// The `huibian` command: a thin shell over the core. Each subcommand lives in cli/commands/<name>.ts
// and exports run(argv) → exit code. Nothing here knows about layout or storage details.
import { deferPdfCipher, deferUnicodeTables, deferWoff2Decoder, deferZodLocales } from '../core/node/lazy-modules';

// Before any command loads fontkit, pdfkit or zod (see core/node/lazy-modules).
deferWoff2Decoder();
deferZodLocales();
deferPdfCipher();
deferUnicodeTables();

const commands: Record<string, { summary: string; load: () => Promise<{ run: (argv: string[]) => Promise<number> }> }> =
  {
    compile: { summary: '编译会议材料汇编（PDF / DOCX）', load: () => import('./commands/compile') },
    export: {
      summary: '印制与分发：小册子、编号本、登记表、分发材料、屏幕/手机版',
      load: () => import('./commands/export'),
    },
    import: { summary: '导入材料文件', load: () => import('./commands/import') },
    sort: { summary: '按姓氏笔画或拼音排序姓名（标准输入 → 标准输出）', load: () => import('./commands/sort') },
    roster: { summary: '导入 / 导出委员名单（.xlsx / .csv）', load: () => import('./commands/roster') },
    serve: { summary: '在本机启动服务，用浏览器打开汇编界面', load: () => import('./commands/serve') },
    call: { summary: '按统一接口调用任一功能（JSON 输入输出）', load: () => import('./commands/call') },
    session: { summary: '会议数据：列表、快照恢复、会议包导出/导入', load: () => import('./commands/session') },
    portal: { summary: '网上报送：列出委员个人链接，导出链接表或二维码表', load: () => import('./commands/portal') },
  };

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  huibian ${name.padEnd(10)} ${c.summary}`);
  return [
    '汇编 Huibian — 政协会议材料汇编',
    '',
    '用法 (usage):',
    ...lines,
    '',
    '  huibian <command> --help  查看命令说明',
  ].join('\n');
}

/**
 * Commands whose work is over when run() resolves (nothing left running in the background): the
 * process exits right after their output is flushed, instead of waiting for Node to take down a
 * heap of ~200 MB after a compile (measured 0.2–0.3 s of wall time between the last line and exit).
 */
const EXIT_WHEN_DONE = new Set(['compile', 'sort', 'export']);

/** Resolves once everything written to the stream so far has been handed to the OS. */
const flushed = (s: NodeJS.WriteStream) => new Promise<void>((resolve) => s.write('', () => resolve()));

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    console.error(`未知命令：${name}\n\n${usage()}`);
    return 2;
  }
  const mod = await cmd.load();
  return mod.run(rest);
}

main(process.argv.slice(2)).then(
  async (code) => {
    process.exitCode = code;
    if (!EXIT_WHEN_DONE.has(process.argv[2] ?? '')) return;
    await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
    process.exit(code);
  },
  (e) => {
    console.error(`huibian: 内部错误：${e instanceof Error ? e.stack : String(e)}`);
    process.exitCode = 70;
  },
);
