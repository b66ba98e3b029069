// `huibian roster import <session-dir> <file.xlsx|file.csv>` adds or updates members in the session's
// session.json (validated, written durably: temp file, fsync, rename) and prints a report of what
// was added, updated, skipped and flagged. `huibian roster export <session-dir> <out.xlsx>` writes
// the roster back to Excel. A failed import leaves session.json untouched.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SessionSchema, describeIssues } from '../../core/model/session';
import {
  ROSTER_FIELDS,
  ROSTER_FIELD_NAMES,
  applyMapping,
  exportRosterXlsx,
  mergeMembers,
  proposeMapping,
  readRosterTable,
  type ColumnMapping,
  type RosterField,
} from '../../core/node/roster-io';
import { SESSION_FILE, loadSessionFile } from '../../core/node/session-folder';
import { sortMembers, type MemberSortRule } from '../../core/order/member-sort';
import { durableWrite } from '../../core/node/store/durable-write';
import { nodeFs } from '../../core/node/store/fs-port';
import { OwnerLocks } from '../../core/node/store/owner-lock';

const HELP = `用法:
  huibian roster import <会议文件夹> <名单.xlsx|名单.csv> [--map 字段=列名 …] [--dry-run]
  huibian roster export <会议文件夹> <输出.xlsx> [--sort stroke|pinyin|sector|party|rank]

导入：按表头自动识别列（姓名 性别 民族 界别 党派 职务 单位 常委 政协职务 及常见写法），
同名委员更新信息、其余新增；空姓名、无法识别的值和重名都会在报告中列出（重名不会被丢弃）。
  --map title=现任职务   手动指定某字段对应的列（字段：${ROSTER_FIELDS.join(' ')}）
  --dry-run              只显示报告，不写入 session.json`;

export async function run(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    console.log(HELP);
    return sub ? 0 : 2;
  }
  if (sub === 'import') return importRoster(rest);
  if (sub === 'export') return exportRoster(rest);
  console.error(`roster: 未知子命令 ${sub}\n\n${HELP}`);
  return 2;
}

async function importRoster(args: string[]): Promise<number> {
  const positional: string[] = [];
  const overrides: [RosterField, string][] = [];
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dry-run') dryRun = true;
    else if (a === '--map') {
      const v = args[++i] ?? '';
      const [field, column] = v.split('=');
      if (!(ROSTER_FIELDS as readonly string[]).includes(field) || !column) {
        console.error(`roster: --map 的格式应为 字段=列名，字段为 ${ROSTER_FIELDS.join(' ')}（收到“${v}”）`);
        return 2;
      }
      overrides.push([field as RosterField, column]);
    } else positional.push(a);
  }
  if (positional.length !== 2) {
    console.error(HELP);
    return 2;
  }
  const [dir, file] = positional;
  const s = await loadSessionFile(dir);
  if (!s.ok) {
    console.error(`roster: ${s.error.message}`);
    return 66;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    console.error(`roster: 无法读取名单文件 ${file}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`);
    return 66;
  }
  const t = await readRosterTable(bytes, file);
  if (!t.ok) {
    console.error(`roster: ${t.error.message}`);
    return 65;
  }
  const table = t.value;
  const { mapping, unmapped } = proposeMapping(table.headers);
  const finalMapping: ColumnMapping = { ...mapping };
  for (const [field, column] of overrides) {
    const i = table.headers.findIndex((h) => h.replace(/\s/g, '') === column.replace(/\s/g, ''));
    if (i < 0) {
      console.error(`roster: 名单中没有名为“${column}”的列（表头：${table.headers.join('、')}）`);
      return 65;
    }
    finalMapping[field] = i;
  }
  const applied = applyMapping(table, finalMapping);
  if (!applied.ok) {
    console.error(`roster: ${applied.error.message}`);
    return 65;
  }
  const session = s.value;
  const merged = mergeMembers(session.members, applied.value.members);
  const next = SessionSchema.safeParse({ ...session, members: merged.members });
  if (!next.success) {
    console.error(`roster: 导入后的会议文件校验失败，未写入：${describeIssues(next.error).slice(0, 5).join('；')}`);
    return 65;
  }

  const lines: string[] = [];
  lines.push(
    `名单：${path.basename(file)}（${table.format === 'xlsx' ? `工作表“${table.sheet}”` : `编码 ${table.encoding}`}，表头在第 ${table.headerRow} 行，数据 ${table.rows.length} 行）`,
  );
  const used = ROSTER_FIELDS.filter((f) => finalMapping[f] !== undefined).map(
    (f) => `${ROSTER_FIELD_NAMES[f]}←“${table.headers[finalMapping[f]!]}”`,
  );
  lines.push(`列对应：${used.join('，')}`);
  if (unmapped.length) lines.push(`未使用的列：${unmapped.join('、')}`);
  lines.push(`新增 ${merged.added.length} 人，更新 ${merged.updated.length} 人，名单共 ${merged.members.length} 人`);
  if (applied.value.duplicates.length) {
    lines.push(
      `重名 ${applied.value.duplicates.length} 处（均已导入，请核对）：${applied.value.duplicates.map((d) => `${d.name}（第 ${d.rows.join('、')} 行）`).join('；')}`,
    );
  }
  if (applied.value.problems.length) {
    lines.push(`问题 ${applied.value.problems.length} 条：`);
    for (const p of applied.value.problems) lines.push(`  ${p.message}`);
  }
  if (dryRun) {
    lines.push('（试运行，未写入 session.json）');
    console.log(lines.join('\n'));
    return 0;
  }
  // The app may hold the session open: never write under it (its next save would undo ours).
  const locks = new OwnerLocks(nodeFs);
  const holder = await locks.acquire(dir);
  if (holder) {
    console.error(
      `roster: 该会议正在汇编程序中打开（进程 ${holder.pid}，${holder.host}），请先在程序中关闭该会议再导入；名单未导入`,
    );
    return 75;
  }
  try {
    const target = path.join(dir, SESSION_FILE);
    // Only `members` changes: every other key of the file (the store's $store bookkeeping, fields a
    // newer version added) is written back exactly as it was read.
    let raw: Record<string, unknown>;
    try {
      raw = JSON.parse((await readFile(target, 'utf8')).replace(/^\uFEFF/, '')) as Record<string, unknown>;
    } catch (e) {
      console.error(`roster: 无法重新读取 ${target}（${(e as Error).message}），名单未导入`);
      return 66;
    }
    const w = await durableWrite(
      nodeFs,
      target,
      JSON.stringify({ ...raw, members: next.data.members }, null, 2) + '\n',
    );
    if (!w.ok) {
      console.error(`roster: ${w.error.message}`);
      return 74;
    }
    lines.push(`已写入 ${target}`);
    console.log(lines.join('\n'));
    return 0;
  } finally {
    await locks.release(dir);
  }
}

const MEMBER_RULES = ['stroke', 'pinyin', 'sector', 'party', 'rank'] as const;

async function exportRoster(args: string[]): Promise<number> {
  const positional: string[] = [];
  let rule: MemberSortRule | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--sort') {
      const v = args[++i];
      if (!(MEMBER_RULES as readonly string[]).includes(v ?? '')) {
        console.error(`roster: 未知的排序方式“${v ?? ''}”（可用：${MEMBER_RULES.join('、')}）`);
        return 2;
      }
      rule = v as MemberSortRule;
    } else positional.push(args[i]);
  }
  if (positional.length !== 2) {
    console.error(HELP);
    return 2;
  }
  const [dir, out] = positional;
  const s = await loadSessionFile(dir);
  if (!s.ok) {
    console.error(`roster: ${s.error.message}`);
    return 66;
  }
  let members = s.value.members;
  if (rule) {
    const sorted = sortMembers(members, rule, { name: { givenNameBlank: s.value.ordering?.givenNameBlank ?? true } });
    members = sorted.members;
    if (sorted.unknownChars.length)
      console.error(
        `roster: 以下汉字没有标准笔顺数据，位置按估计的笔顺或总笔画数排出，请人工核对：${sorted.unknownChars.join(' ')}`,
      );
  }
  const bytes = await exportRosterXlsx(members);
  const w = await durableWrite(nodeFs, path.resolve(out), bytes);
  if (!w.ok) {
    console.error(`roster: ${w.error.message}`);
    return 74;
  }
  console.log(`已导出 ${s.value.members.length} 名委员到 ${out}`);
  return 0;
}
