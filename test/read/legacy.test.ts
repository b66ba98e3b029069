// Legacy formats through LibreOffice (reliability B3): .doc, .odt and .rtf made here from our own
// text are converted with a private profile and a time limit and read like any DOCX; a DOCX made
// by LibreOffice reads too. Without soffice these tests skip with a notice — except on CI, where
// a missing converter is a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { documentText } from '../../core/model/document';
import { readSource } from '../../core/read/registry';
import { convertToDocx, findSoffice, legacyConverter } from '../../core/node/legacy-convert';
import { planImportBytes } from '../../core/node/import-batch';
import { membersNamed, testSession } from '../helpers/session';

const soffice = findSoffice();
if (!soffice) {
  if (process.env.CI === 'true') throw new Error('LibreOffice (soffice) is required on CI for the legacy import tests');
  console.warn('NOTICE: soffice not found — legacy import tests skipped');
}
const d = soffice ? describe : describe.skip;

const TEXT = [
  '关于推进齐文化传承发展的建议',
  '市政协常委 韩喜',
  '齐文化是中华优秀传统文化的重要组成部分，我们要加强保护、深入研究、广泛传播。',
  '一、加强遗址保护',
  '建议加快齐国故城遗址保护规划的实施。',
].join('\n');
let dir: string;
const files: Record<string, Uint8Array> = {};

/** Makes a file in another format from our text with LibreOffice itself (one call per format). */
function make(format: string, filter: string): Uint8Array {
  const out = path.join(dir, `out-${format}`);
  execFileSync(
    soffice!,
    [
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile-make')).href}`,
      '--headless',
      '--convert-to',
      filter,
      '--outdir',
      out,
      path.join(dir, 'speech.txt'),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  const f = readdirSync(out)[0];
  return new Uint8Array(readFileSync(path.join(out, f)));
}

beforeAll(() => {
  if (!soffice) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'huibian-legacy-'));
  writeFileSync(path.join(dir, 'speech.txt'), TEXT);
  files.doc = make('doc', 'doc:MS Word 97');
  files.docx = make('docx', 'docx:MS Word 2007 XML');
  writeFileSync(
    path.join(dir, 'styled.html'),
    '<html><head><meta charset="utf-8"></head><body>' +
      '<p align="center"><span style="font-family:方正小标宋简体;font-size:22pt">关于推进齐文化传承发展的建议</span></p>' +
      '<p align="center"><span style="font-family:楷体_GB2312;font-size:16pt">市政协常委 韩喜</span></p>' +
      '<p><span style="font-family:仿宋_GB2312;font-size:16pt">齐文化是中华优秀传统文化的重要组成部分。</span></p>' +
      '<p><span style="font-family:黑体;font-size:16pt">一、基本情况</span></p>' +
      '<p><span style="font-family:楷体_GB2312;font-size:16pt">（一）保护工作持续加强</span></p>' +
      '<p><span style="font-family:仿宋_GB2312;font-size:16pt"><b>1.完善机制。</b>建立了文物安全巡查制度，明确各方责任。</span></p>' +
      '</body></html>',
  );
  execFileSync(
    soffice!,
    [
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile-make')).href}`,
      '--headless',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      path.join(dir, 'styled'),
      path.join(dir, 'styled.html'),
    ],
    { stdio: 'ignore', timeout: 120_000 },
  );
  files.styled = new Uint8Array(readFileSync(path.join(dir, 'styled', 'styled.docx')));
  files.rtf = new TextEncoder().encode(
    '{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil\\fcharset134 SimSun;}}\\f0\\fs24 ' +
      [...'RTF 格式的发言稿：加强齐文化研究。']
        .map((c) => (c.charCodeAt(0) > 127 ? `\\u${c.charCodeAt(0)}?` : c))
        .join('') +
      '\\par}',
  );
}, 180_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

d('legacy conversion with LibreOffice', () => {
  it('a .doc made by LibreOffice converts and reads: title, author, heading, text', async () => {
    expect([...files.doc.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
    const r = await readSource(files.doc, {
      format: 'doc',
      fileName: '韩喜.doc',
      convertLegacy: legacyConverter(soffice),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.title).toBe('关于推进齐文化传承发展的建议');
    expect(r.value.authorLine).toBe('市政协常委 韩喜');
    expect(documentText(r.value)).toContain('齐文化是中华优秀传统文化的重要组成部分');
    expect(r.value.blocks.some((b) => b.type === 'heading' && b.level === 1)).toBe(true);
    expect(r.value.warnings.map((w) => w.code)).toContain('import.converted');
  });

  it('a batch stores the converted DOCX as the source and keeps the original .doc as its first version', async () => {
    const session = testSession({ name: '会议', members: membersNamed('韩喜') });
    const plan = await planImportBytes([{ name: '韩喜.doc', bytes: files.doc }], session);
    expect(plan.reports[0].status).toBe('imported');
    const sub = plan.submissions[0];
    expect(sub.source.format).toBe('docx');
    expect(sub.source.originalName).toBe('韩喜.doc');
    expect(sub.versions.map((v) => v.format)).toEqual(['doc']);
    expect([...plan.sources.keys()].sort()).toEqual([sub.source.file, sub.versions[0].file].sort());
    expect([...plan.sources.get(sub.source.file)!.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect(plan.sources.get(sub.versions[0].file)).toEqual(files.doc);
    // The same .doc again is recognised by its original hash.
    const again = await planImportBytes([{ name: '韩喜.doc', bytes: files.doc }], {
      ...session,
      submissions: plan.submissions,
    });
    expect(again.reports[0].status).toBe('duplicate');
  });

  it('an RTF written by hand converts and reads', async () => {
    const r = await readSource(files.rtf, {
      format: 'rtf',
      fileName: '发言.rtf',
      convertLegacy: legacyConverter(soffice),
    });
    expect(r.ok ? documentText(r.value) + (r.value.title ?? '') : r.error.message).toContain('加强齐文化研究');
  });

  it('a ".doc" that is really HTML (exported by a web system) goes through the converter', async () => {
    const html = new TextEncoder().encode(
      '<html><head><meta charset="utf-8"></head><body><p>网页导出的发言稿：推进齐文化数字化建设。</p></body></html>',
    );
    const r = await readSource(html, { format: 'doc', fileName: '网页.doc', convertLegacy: legacyConverter(soffice) });
    expect(r.ok ? documentText(r.value) + (r.value.title ?? '') : r.error.message).toContain('推进齐文化数字化建设');
  });

  it('a DOCX written by LibreOffice reads directly', async () => {
    const r = await readSource(files.docx, { format: 'docx', fileName: 'lo.docx' });
    expect(r.ok).toBe(true);
    if (r.ok) expect(documentText(r.value)).toContain('建议加快齐国故城遗址保护规划的实施。');
  });

  it('a styled DOCX written by LibreOffice: title, author, headings by 黑体/楷体 face, bold lead-in kept in the paragraph', async () => {
    const r = await readSource(files.styled, { format: 'docx', fileName: 'styled.docx' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.title).toBe('关于推进齐文化传承发展的建议');
    expect(r.value.authorLine).toBe('市政协常委 韩喜');
    expect(r.value.blocks).toEqual([
      { type: 'paragraph', inlines: [{ type: 'text', text: '齐文化是中华优秀传统文化的重要组成部分。' }] },
      { type: 'heading', level: 1, inlines: [{ type: 'text', text: '一、基本情况' }] },
      { type: 'heading', level: 2, inlines: [{ type: 'text', text: '（一）保护工作持续加强' }] },
      {
        type: 'paragraph',
        inlines: [
          { type: 'text', text: '1.完善机制。', bold: true },
          { type: 'text', text: '建立了文物安全巡查制度，明确各方责任。' },
        ],
      },
    ]);
  });

  it('a conversion over the time limit is killed and reported', async () => {
    const r = await convertToDocx(soffice!, files.doc, 'doc', '慢.doc', 50);
    expect(r.ok ? '' : r.error.code).toBe('import.legacy.timeout');
    expect(r.ok ? '' : r.error.message).toContain('慢.doc');
  });

  it('a corrupt .doc is a clear error, not a hang', async () => {
    const junk = new Uint8Array(4096);
    junk.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const r = await readSource(junk, { format: 'doc', fileName: '坏.doc', convertLegacy: legacyConverter(soffice) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toMatch(/^import\.legacy\.failed$|^import\./);
      expect(r.error.message).toContain('坏.doc');
    }
  });
});
