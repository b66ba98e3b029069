// `huibian roster import <session-dir> <file.xlsx|file.csv>` adds or updates members through the
// contract (roster.preview for the columns, roster.import to merge: saved durably by the store,
// under its owner lock — a session open in the app is refused) and prints what was added, updated,
// skipped and flagged. `huibian roster export <session-dir> <out.xlsx>` is roster.export with the
// target path. This file parses arguments, calls and prints; a failed import changes nothing.
import path from 'node:path';
import { ErrorCodes } from '../../core/contract/errors';
import { MEMBER_SORT_RULES, ROSTER_FIELD_KEYS, type RosterPreview } from '../../core/contract/roster-schemas';
import type { AppError } from '../../core/result';
import { withFolderClient } from '../local-client';

type Field = (typeof ROSTER_FIELD_KEYS)[number];

const HELP = `用法:
  huibian roster import <会议文件夹> <名单.xlsx|名单.csv> [--map 字段=列名 …] [--dry-run]
  huibian roster export <会议文件夹> <输出.xlsx> [--sort stroke|pinyin|sector|party|rank]

导入：按表头自动识别列（姓名 性别 民族 界别 党派 职务 单位 常委 政协职务 及常见写法），
同名委员更新信息、其余新增；空姓名、无法识别的值和重名都会在报告中列出（重名不会被丢弃）。
  --map title=现任职务   手动指定某字段对应的列（字段：${ROSTER_FIELD_KEYS.join(' ')}）
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

/** Exit codes (sysexits): no input 66, bad data 65, held by another program 75, cannot write 74. */
function exitOf(e: AppError): number {
  if (e.code === ErrorCodes.readOnly || e.code === 'store.owned-elsewhere') return 75;
  if (/not-found$/.test(e.code)) return 66;
  if (e.code.startsWith('store.') || e.code.startsWith('file.write')) return 74;
  return 65;
}

function fail(e: AppError): number {
  console.error(`roster: ${e.message}`);
  return exitOf(e);
}

function reportHead(file: string, p: RosterPreview, mapping: RosterPreview['mapping']): string[] {
  const lines = [
    `名单：${path.basename(file)}（${p.format === 'xlsx' ? `工作表“${p.sheet}”` : `编码 ${p.encoding}`}，表头在第 ${p.headerRow} 行，数据 ${p.rowCount} 行）`,
  ];
  const used = ROSTER_FIELD_KEYS.filter((f) => mapping[f] !== undefined).map(
    (f) => `${p.fieldLabels[f] ?? f}←“${p.headers[mapping[f]!]}”`,
  );
  lines.push(`列对应：${used.join('，')}`);
  const usedCols = new Set(Object.values(mapping));
  const unmapped = p.headers.filter((h, i) => h && !usedCols.has(i));
  if (unmapped.length) lines.push(`未使用的列：${unmapped.join('、')}`);
  return lines;
}

function problemLines(problems: RosterPreview['problems'], duplicates: RosterPreview['duplicates']): string[] {
  const lines: string[] = [];
  if (duplicates.length)
    lines.push(
      `重名 ${duplicates.length} 处（均已导入，请核对）：${duplicates.map((d) => `${d.name}（第 ${d.rows.join('、')} 行）`).join('；')}`,
    );
  if (problems.length) {
    lines.push(`问题 ${problems.length} 条：`);
    for (const p of problems) lines.push(`  ${p.message}`);
  }
  return lines;
}

async function importRoster(args: string[]): Promise<number> {
  const positional: string[] = [];
  const overrides: [Field, string][] = [];
  let dryRun = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--dry-run') dryRun = true;
    else if (a === '--map') {
      const v = args[++i] ?? '';
      const [field, column] = v.split('=');
      if (!(ROSTER_FIELD_KEYS as readonly string[]).includes(field) || !column) {
        console.error(`roster: --map 的格式应为 字段=列名，字段为 ${ROSTER_FIELD_KEYS.join(' ')}（收到“${v}”）`);
        return 2;
      }
      overrides.push([field as Field, column]);
    } else positional.push(a);
  }
  if (positional.length !== 2) {
    console.error(HELP);
    return 2;
  }
  const [dir, file] = positional;
  const fileInput = { path: path.resolve(file) };
  const r = await withFolderClient(dir, { dryRun, roster: true }, async (client, sessionId): Promise<number> => {
    const pv = await client.call('roster.preview', { sessionId, file: fileInput, maxRows: 1 });
    if (!pv.ok) return fail(pv.error);
    const mapping = { ...pv.value.mapping };
    for (const [field, column] of overrides) {
      const i = pv.value.headers.findIndex((h) => h.replace(/\s/g, '') === column.replace(/\s/g, ''));
      if (i < 0) {
        console.error(`roster: 名单中没有名为“${column}”的列（表头：${pv.value.headers.join('、')}）`);
        return 65;
      }
      mapping[field] = i;
    }
    const lines = reportHead(file, pv.value, mapping);
    if (dryRun) {
      const p = await client.call('roster.preview', { sessionId, file: fileInput, mapping, maxRows: 1 });
      if (!p.ok) return fail(p.error);
      lines.push(`将导入 ${p.value.memberCount} 人`, ...problemLines(p.value.problems, p.value.duplicates));
      lines.push('（试运行，未写入 session.json）');
      console.log(lines.join('\n'));
      return 0;
    }
    const st = await client.call('sessions.state', { sessionId });
    if (!st.ok) return fail(st.error);
    if (st.value.readOnly)
      return fail({ code: st.value.readOnly.code, message: `${st.value.readOnly.message}；名单未导入` });
    const v = await client.call('roster.import', {
      sessionId,
      revision: st.value.revision,
      file: fileInput,
      mode: 'merge',
      mapping,
    });
    if (!v.ok) return fail(v.error);
    if (v.value.save.state !== 'saved')
      return fail({
        code: v.value.save.error?.code ?? ErrorCodes.saveFailed,
        message: v.value.save.error?.message ?? '保存失败',
      });
    const rep = v.value.report;
    lines.push(`新增 ${rep.added} 人，更新 ${rep.updated} 人，名单共 ${v.value.session.members.length} 人`);
    lines.push(...problemLines(rep.problems, rep.duplicates));
    lines.push(`已写入 ${path.join(dir, 'session.json')}`);
    console.log(lines.join('\n'));
    return 0;
  });
  return r.ok ? r.value : fail(r.error);
}

const RULES = MEMBER_SORT_RULES.filter((x) => x !== 'roster');

async function exportRoster(args: string[]): Promise<number> {
  const positional: string[] = [];
  let rule: (typeof MEMBER_SORT_RULES)[number] = 'roster';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--sort') {
      const v = args[++i];
      if (!(RULES as readonly string[]).includes(v ?? '')) {
        console.error(`roster: 未知的排序方式“${v ?? ''}”（可用：${RULES.join('、')}）`);
        return 2;
      }
      rule = v as typeof rule;
    } else positional.push(args[i]);
  }
  if (positional.length !== 2) {
    console.error(HELP);
    return 2;
  }
  const [dir, out] = positional;
  const r = await withFolderClient(dir, { roster: true }, async (client, sessionId): Promise<number> => {
    const members = await client.call('roster.list', { sessionId });
    if (!members.ok) return fail(members.error);
    const w = await client.call('roster.export', { sessionId, rule, targetPath: path.resolve(out) });
    if (!w.ok) return fail(w.error);
    if (w.value.unknownChars.length)
      console.error(
        `roster: 以下汉字没有标准笔顺数据，位置按估计的笔顺或总笔画数排出，请人工核对：${w.value.unknownChars.join(' ')}`,
      );
    console.log(`已导出 ${members.value.length} 名委员到 ${out}`);
    return 0;
  });
  return r.ok ? r.value : fail(r.error);
}
