// `huibian session …`: the store from a terminal — list sessions, list and restore snapshots,
// export and import bundles. Goes through the same dispatcher as the UI (validation included),
// with local paths allowed since the caller is the user at this computer.
import path from 'node:path';
import { DATA_OPTION_HELP, withLocalClient } from '../local-client';
import { parseCommandArgs } from '../args';
import { displayText } from '../../core/model/display-text';

const HELP = `用法：huibian session <子命令> [--data 数据文件夹]

  list                          列出会议
  snapshots <会议编号>           列出快照（最新在前）
  restore <会议编号> <快照编号>   恢复快照（当前状态会先另存为快照）
  export <会议编号> <输出.zip>    导出会议包（会议 + 原文件 + 正文）
  import <会议包.zip>            导入会议包为新会议
${DATA_OPTION_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const args = parseCommandArgs(argv, { data: { type: 'string' } }, HELP);
  if (typeof args === 'number') return args;
  const [sub, ...rest] = args.positionals;
  if (!sub) {
    console.log(HELP);
    return 2;
  }
  return withLocalClient(args.values.data, (c, dataDir) => session(c, dataDir, sub, rest));
}

async function session(
  c: Parameters<Parameters<typeof withLocalClient>[1]>[0],
  dataDir: string,
  sub: string,
  rest: string[],
): Promise<number> {
  const fail = (e: { code: string; message: string }) => {
    console.error(`失败：${displayText(e.message)}（${e.code}）`);
    return 1;
  };
  switch (sub) {
    case 'list': {
      const r = await c.call('sessions.list', {});
      if (!r.ok) return fail(r.error);
      for (const s of r.value)
        console.log(
          `${s.id}\t${s.date}\t${s.submissionCount} 份材料\t${displayText(s.name)}${s.damaged ? '\t（已损坏，可从快照恢复）' : ''}`,
        );
      if (!r.value.length) console.error(`（${dataDir} 中没有会议）`);
      return 0;
    }
    case 'snapshots': {
      if (rest.length !== 1) break;
      const r = await c.call('snapshots.list', { sessionId: rest[0] });
      if (!r.ok) return fail(r.error);
      for (const s of r.value)
        console.log(
          `${s.id}\t${s.createdAt}\t版本 ${s.revision}\t${s.reason}\t${s.submissionCount} 份材料\t${displayText(s.name)}`,
        );
      if (!r.value.length) console.error('（没有快照）');
      return 0;
    }
    case 'restore': {
      if (rest.length !== 2) break;
      const o = await c.call('sessions.open', { sessionId: rest[0] });
      if (!o.ok) return fail(o.error);
      if (o.value.status === 'recovery') console.error(o.value.message);
      const r = await c.call('snapshots.restore', {
        sessionId: rest[0],
        snapshotId: rest[1],
        ...(o.value.status === 'open' ? { revision: o.value.view.revision } : {}),
      });
      if (!r.ok) return fail(r.error);
      if (r.value.save.state !== 'saved')
        return fail(r.value.save.error ?? { code: 'store.save-failed', message: '保存失败' });
      console.log(
        `已恢复：${displayText(r.value.session.name)}（版本 ${r.value.revision}，${r.value.session.submissions.length} 份材料）`,
      );
      return 0;
    }
    case 'export': {
      if (rest.length !== 2) break;
      const r = await c.call('bundle.export', { sessionId: rest[0], targetPath: path.resolve(rest[1]) });
      if (!r.ok) return fail(r.error);
      console.log(`已导出：${r.value.path}（${r.value.size} 字节）`);
      if (r.value.notice) console.log(`注意：${r.value.notice.message}`);
      return 0;
    }
    case 'import': {
      if (rest.length !== 1) break;
      const r = await c.call('bundle.import', { file: { path: path.resolve(rest[0]) } });
      if (!r.ok) return fail(r.error);
      console.log(`已导入为新会议：${r.value.id}\t${displayText(r.value.name)}（${r.value.submissionCount} 份材料）`);
      return 0;
    }
    default:
      console.error(`未知子命令：${sub}\n\n${HELP}`);
      return 2;
  }
  console.error(`参数个数不对\n\n${HELP}`);
  return 2;
}
