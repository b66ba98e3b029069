// Imports every file of ../shared/corpus (when present) through the worker pool exactly as a
// clerk's folder would come in: each file must end as imported / review / a named failure, the
// batch must finish, and the known hostile or broken files must fail with their expected codes.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { membersNamed, testSession } from '../helpers/session';
import { planImport } from '../../core/node/import-batch';
import { ReadPool } from '../../core/node/read-worker';
import { documentText } from '../../core/model/document';

const CORPUS =
  process.env.HUIBIAN_CORPUS ?? path.resolve(new URL('../../..', import.meta.url).pathname, 'shared/corpus');

/** What each known problem file must come to (others must simply not fail unexpectedly). */
const EXPECTED_FAILURES: Record<string, string> = {
  'broken_truncated_763b.docx': 'import.zip.truncated',
  'broken_truncated_poi62886.docx': 'import.zip.truncated',
  'encrypted_password_is_pass.docx': 'import.docx.encrypted',
  'xxe_external_entity.docx': 'import.xml.doctype',
  'pdf_password_protected.pdf': 'import.pdf.encrypted',
  'txt_empty_0b.txt': 'import.empty',
  'MANIFEST.tsv': 'import.unsupported',
};

const d = existsSync(CORPUS) ? describe : describe.skip;
if (!existsSync(CORPUS)) console.warn(`NOTICE: corpus not found at ${CORPUS}; corpus import test skipped`);

d('real-world corpus', () => {
  it('imports the whole folder with a per-file report and no crash', async () => {
    const session = testSession({ id: 'c', name: '语料测试', date: '2026-01-01', members: membersNamed('韩喜') });
    const pool = new ReadPool({ size: 2 });
    const t0 = performance.now();
    const plan = await planImport([CORPUS], session, { pool });
    const ms = performance.now() - t0;
    await pool.close();
    console.log(`corpus: ${plan.reports.length} files in ${ms.toFixed(0)} ms`);
    for (const r of plan.reports)
      console.log(`  [${r.status}] ${path.basename(r.file)} ${r.code ?? ''} ${r.reason.slice(0, 80)}`);
    for (const r of plan.reports) {
      const name = path.basename(r.file);
      const want = EXPECTED_FAILURES[name];
      if (want) expect(`${name}: ${r.code}`).toBe(`${name}: ${want}`);
      else expect(`${name}: ${r.status}`).not.toBe(`${name}: failed`);
    }
    const text = (name: string) => {
      const r = plan.reports.find((x) => path.basename(x.file) === name);
      const doc = r?.submissionId ? plan.docs.get(r.submissionId) : undefined;
      return doc ? `${doc.title ?? ''}\n${doc.authorLine ?? ''}\n${documentText(doc)}` : '';
    };
    // Spot checks of semantics on real files.
    expect(text('zh_gov_attachment_tables_2007.docx')).toContain('名牌农产品');
    expect(text('alternate_document_path.docx').length).toBeGreaterThan(0);
    expect(text('enc_gb2312_rss_cnblog.txt')).toMatch(/[\u4e00-\u9fff]{20}/);
    expect(text('track_changes_move.docx')).not.toMatch(/moved.*moved/s);
  });
});
