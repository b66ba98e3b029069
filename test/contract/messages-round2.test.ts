// Issue 13, point 7: messages that misled. Deep nesting has its own code and words (not "XML 格式
//错误"); the contract's schema errors are Chinese; file names with raw newlines or bidi overrides
// are shown visibly in the CLI report; pdf-lib's parser notes never reach stderr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../core/contract';
import { displayText } from '../../core/model/display-text';
import { SCHEMA_VERSION, SessionSchema } from '../../core/model/session';
import { readSource } from '../../core/read/registry';
import { createService } from '../../core/service/service';
import { memoryPorts } from '../../core/service/memory-ports';
import { buildDocx } from '../../scripts/make-fixtures';

const root = path.resolve(__dirname, '../..');

/** A PDF pdf-lib can read only by "Trying to parse invalid object". */
async function noisyPdf(): Promise<Uint8Array> {
  const d = await PDFDocument.create();
  d.addPage([200, 200]);
  const t = Buffer.from(await d.save({ useObjectStreams: false })).toString('latin1');
  return new Uint8Array(
    Buffer.from(t.replace('1 0 obj', '99 0 obj\n<< /A (x) ]] >> stream garbage\nendobj\n1 0 obj'), 'latin1'),
  );
}

describe('issue 13 · messages', () => {
  it('nesting too deep is named as such, not as a broken XML file', async () => {
    const deep = '<w:p><w:r><w:t>x</w:t></w:r></w:p>'.replace(
      '<w:t>x</w:t>',
      `${'<w:sdt><w:sdtContent>'.repeat(300)}<w:t>x</w:t>${'</w:sdtContent></w:sdt>'.repeat(300)}`,
    );
    const bytes = buildDocx({ body: deep });
    const r = await readSource(bytes, { format: 'docx', fileName: '深层.docx' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('import.xml.too-deep');
    expect(r.error.message).toContain('深层.docx');
    expect(r.error.message).toContain('嵌套层级过深');
    expect(r.error.message).not.toContain('XML 格式错误');
  });

  it('schema errors at the contract boundary are Chinese', async () => {
    const d = createDispatcher(createService(memoryPorts()));
    const cases: [string, unknown][] = [
      ['sessions.create', { name: '长'.repeat(300) }],
      ['sessions.create', { name: '' }],
      ['sessions.create', { name: 5 }],
      ['sessions.create', {}],
      ['sessions.rename', { sessionId: 's', revision: -1, name: 'x' }],
    ];
    for (const [name, input] of cases) {
      const r = await d.call(name, input);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('contract.bad-input');
      const msg = r.error.message.replace(name, '');
      expect(msg, msg).not.toMatch(/Too big|Too small|expected|Invalid|received|must/i);
      expect(msg).toMatch(/不能超过 200 个字符|不能为空|应为文字|必须填写|不能小于 0/);
    }
  });

  it('displayText makes newlines, controls and bidi overrides visible', () => {
    expect(displayText('报告\n第二行\u202Etxt.exe')).toBe('报告␊第二行<U+202E>txt.exe');
    expect(displayText('a\tb\u0000c\u2028d\u2066')).toBe('a␉b␀c␤d<U+2066>');
    expect(displayText('第九次会议（二〇二六年）.docx')).toBe('第九次会议（二〇二六年）.docx');
  });

  it('pdf-lib parser noise is silenced where we load untrusted PDFs (in-process)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const r = await readSource(await noisyPdf(), { format: 'pdf', fileName: '扫描件.pdf' });
      expect(r.ok).toBe(true);
      expect(warn.mock.calls.map((c) => String(c[0])).filter((m) => /invalid object/i.test(m))).toEqual([]);
      // Our own warnings still get through afterwards.
      console.warn('ours');
      expect(warn).toHaveBeenLastCalledWith('ours');
    } finally {
      warn.mockRestore();
    }
  });

  it('the CLI import report shows hostile file names visibly and prints no pdf-lib noise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hb-names-'));
    const session = SessionSchema.parse({
      schemaVersion: SCHEMA_VERSION,
      id: 's',
      name: '第九次会议',
      date: '2026-12-01',
    });
    writeFileSync(path.join(dir, 'session.json'), JSON.stringify(session));
    const evil = path.join(dir, '发言\n[已导入] 伪造\u202Etxt.exe.txt');
    writeFileSync(evil, '关于加快发展的建议\n\n张三\n\n正文第一段。');
    const pdf = path.join(dir, '扫描件.pdf');
    writeFileSync(pdf, await noisyPdf());
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(root, 'cli', 'main.ts'), 'import', dir, evil, pdf, '--dry-run'],
      { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
    );
    const out = r.stdout + r.stderr;
    expect(out).toContain('发言␊[已导入] 伪造<U+202E>txt.exe.txt');
    expect(out).not.toContain('\u202E');
    expect(out.split('\n').some((l) => l.startsWith('[已导入] 伪造'))).toBe(false);
    expect(r.stderr).not.toMatch(/Trying to parse invalid object|Invalid object ref/);
  }, 60_000);
});
