// `huibian import <session-dir> <files or folders…>`: imports the files through the contract's
// submissions.import — the importer the app uses (front matter, authors, kind and section) — into
// the session folder (new sources content-addressed under files/, session.json saved durably by the
// store, under its owner lock) and prints a per-file report. One bad file never stops the rest;
// nothing is written on --dry-run. This file only expands folders into files, calls and prints.
import path from 'node:path';
import type { ImportReportEntry } from '../../core/contract/schemas';
import { displayText } from '../../core/model/display-text';
import { SUBMISSION_KIND_NAMES } from '../../core/model/session';
import { expandInputs, withFolderClient } from '../local-client';

const HELP = `用法：huibian import <会议文件夹> <文件或文件夹…> [--dry-run] [--json]

把材料文件（.docx .wps .doc .pdf .txt .md .rtf .odt）导入会议文件夹：
  源文件复制到 <会议文件夹>/files/，新材料按类别放入相应栏目，并打印逐个文件的结果。
  --dry-run  只检查、不写入
  --json     以 JSON 输出结果`;

/** Files per contract call (the call's limit is 500). */
const CHUNK = 200;

type Status = 'imported' | 'review' | 'new-version' | 'duplicate' | 'failed';
const STATUS: Record<Status, string> = {
  imported: '已导入',
  review: '待核对',
  'new-version': '新版本',
  duplicate: '重复',
  failed: '失败',
};

export function statusOf(r: ImportReportEntry): Status {
  if (r.duplicateOf) return 'duplicate';
  if (!r.ok) return 'failed';
  if (r.newVersionOf) return 'new-version';
  return r.status === 'review' ? 'review' : 'imported';
}

function reason(r: ImportReportEntry): string {
  if (r.error) return r.error.message;
  if (r.reviewReasons?.length) return r.reviewReasons.map((x) => x.message).join('；');
  const where = r.sectionTitle ? `，放入“${r.sectionTitle}”` : '，未编排';
  const kind = r.kind ? `类别：${SUBMISSION_KIND_NAMES[r.kind]}${r.kindSource ? `（依据${r.kindSource}）` : ''}` : '';
  return r.newVersionOf
    ? '内容与已有材料相同（文件不同），作为它的新版本'
    : `作者：${r.authorLine || '（无）'}；${kind}${where}`;
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const unknown = [...flags].filter((f) => f !== '--dry-run' && f !== '--json');
  const [dir, ...inputs] = argv.filter((a) => !a.startsWith('--'));
  if (!dir || !inputs.length || unknown.length) {
    console.error(unknown.length ? `未知选项：${unknown.join(' ')}\n\n${HELP}` : HELP);
    return 2;
  }
  const dryRun = flags.has('--dry-run');
  const { files, missing } = await expandInputs(inputs);
  const r = await withFolderClient(dir, { dryRun }, async (client, sessionId) => {
    const reports: ImportReportEntry[] = missing.map((m) => ({
      name: m.file,
      ok: false,
      error: { code: 'import.not-found', message: m.message },
      warnings: [],
    }));
    const batch = `cli-${Date.now().toString(36)}`;
    const st = await client.call('sessions.state', { sessionId });
    if (!st.ok) return st;
    let revision = st.value.revision;
    for (let k = 0; k < files.length; k += CHUNK) {
      const chunk = files.slice(k, k + CHUNK).map((p) => ({ path: path.resolve(p) }));
      const v = await client.call('submissions.import', { sessionId, revision, files: chunk, batch });
      if (!v.ok) return v;
      revision = v.value.revision;
      reports.push(...v.value.report);
    }
    return { ok: true as const, value: reports };
  });
  const out = r.ok ? r.value : r;
  if (!out.ok) {
    console.error(out.error.message);
    return 1;
  }
  const reports = out.value;
  if (flags.has('--json')) {
    console.log(
      JSON.stringify(
        reports.map((x) => ({ ...x, status: statusOf(x) })),
        null,
        2,
      ),
    );
  } else {
    for (const x of reports) {
      // File names (and messages quoting them) may hold newlines or bidi overrides: shown visibly.
      const head = `[${STATUS[statusOf(x)]}] ${displayText(path.basename(x.name))}`;
      const what = x.title
        ? ` → 《${displayText(x.title)}》${x.authorLine ? ' ' + displayText(x.authorLine) : ''}`
        : '';
      const why = reason(x);
      console.log(`${head}${what}\n    ${displayText(why)}`);
      const notes = x.warnings.filter((w) => !why.includes(w.message) && !x.newVersionOf);
      for (const w of notes.slice(0, 5)) console.log(`    提示：${displayText(w.message)}`);
    }
    const count = (s: Status) => reports.filter((x) => statusOf(x) === s).length;
    console.log(
      `\n共 ${reports.length} 个文件：已导入 ${count('imported')}，待核对 ${count('review')}，新版本 ${count('new-version')}，重复 ${count('duplicate')}，失败 ${count('failed')}${dryRun ? '（试运行，未写入）' : ''}`,
    );
  }
  return reports.some((x) => statusOf(x) === 'failed') ? 1 : 0;
}
