// `huibian import <session-dir> <files or folders…>`: reads the files off the main thread, copies
// each source into <session-dir>/sources/ under a content-addressed name (never a name taken from
// the input), adds the new submissions to session.json (validated, written atomically) and prints
// a per-file report. One bad file never stops the rest; nothing is written on --dry-run.
import { mkdir, access } from 'node:fs/promises';
import path from 'node:path';
import { SessionSchema, describeIssues } from '../../core/model/session';
import { loadSessionFolder, SESSION_FILE } from '../../core/node/session-folder';
import { applyImport, planImport, type FileReport } from '../../core/node/import-batch';
import { ReadPool } from '../../core/node/read-worker';
import { writeFileAtomic } from '../../core/node/atomic-write';
import { displayText } from '../../core/model/display-text';

const HELP = `用法：huibian import <会议文件夹> <文件或文件夹…> [--dry-run] [--json]

把材料文件（.docx .wps .doc .pdf .txt .md .rtf .odt）导入会议文件夹：
  源文件复制到 <会议文件夹>/sources/，新材料按类别放入相应栏目，并打印逐个文件的结果。
  --dry-run  只检查、不写入
  --json     以 JSON 输出结果`;

const STATUS: Record<FileReport['status'], string> = {
  imported: '已导入',
  review: '待核对',
  'new-version': '新版本',
  duplicate: '重复',
  failed: '失败',
};

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const [dir, ...inputs] = argv.filter((a) => !a.startsWith('--'));
  if (!dir || !inputs.length) {
    console.error(HELP);
    return 2;
  }
  const loaded = await loadSessionFolder(dir);
  if (!loaded.ok) {
    console.error(loaded.error.message);
    return 1;
  }
  const { session, docs } = loaded.value;
  const pool = new ReadPool({ size: 2 });
  let plan;
  try {
    plan = await planImport(inputs, session, { pool, existingDocs: docs });
  } finally {
    await pool.close();
  }
  const next = applyImport(session, plan);
  const valid = SessionSchema.safeParse(next);
  if (!valid.success) {
    console.error(`导入后的会议文件未通过校验，未写入：${describeIssues(valid.error).slice(0, 3).join('；')}`);
    return 1;
  }
  if (!flags.has('--dry-run')) {
    const sourcesDir = path.join(dir, 'sources');
    await mkdir(sourcesDir, { recursive: true });
    for (const [rel, bytes] of plan.sources) {
      const target = path.join(dir, rel);
      // Content-addressed: an existing file of that name already holds these bytes.
      const exists = await access(target).then(
        () => true,
        () => false,
      );
      if (!exists) await writeFileAtomic(target, bytes);
    }
    if (plan.submissions.length || plan.newVersions.length)
      await writeFileAtomic(path.join(dir, SESSION_FILE), JSON.stringify(valid.data, null, 2) + '\n');
  }
  if (flags.has('--json')) {
    console.log(
      JSON.stringify(
        plan.reports.map(({ match: _m, ...r }) => r),
        null,
        2,
      ),
    );
  } else {
    for (const r of plan.reports) {
      // File names (and messages quoting them) may hold newlines or bidi overrides: shown visibly.
      const head = `[${STATUS[r.status]}] ${displayText(path.basename(r.file))}`;
      const what = r.title
        ? ` → 《${displayText(r.title)}》${r.authorLine ? ' ' + displayText(r.authorLine) : ''}`
        : '';
      console.log(`${head}${what}${r.reason ? `\n    ${displayText(r.reason)}` : ''}`);
      for (const w of r.warnings.slice(0, 5)) console.log(`    提示：${displayText(w.message)}`);
    }
    const count = (s: FileReport['status']) => plan.reports.filter((r) => r.status === s).length;
    console.log(
      `\n共 ${plan.reports.length} 个文件：已导入 ${count('imported')}，待核对 ${count('review')}，新版本 ${count('new-version')}，重复 ${count('duplicate')}，失败 ${count('failed')}${flags.has('--dry-run') ? '（试运行，未写入）' : ''}`,
    );
  }
  return plan.reports.some((r) => r.status === 'failed') ? 1 : 0;
}
