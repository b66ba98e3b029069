// Hostile and broken input (reliability B1–B4, H1–H3, H7): every case ends in a Result with a
// stable code and a Chinese message naming the file — never a crash, a hang, or a file read.
import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { readDocx } from '../../core/read/docx/index';
import { readSource } from '../../core/read/registry';
import { SafeZip, ZipError, safeEntryName } from '../../core/read/zip-safe';
import { parseXml, XmlError } from '../../core/read/xml-safe';
import {
  buildDocx,
  corruptCrc,
  fakeEncryptedOoxml,
  fakeOle2Doc,
  para,
  renameEntries,
  W,
  wordLockFile,
  zipBomb,
} from '../../scripts/make-fixtures';

async function expectError(
  bytes: Uint8Array,
  fileName: string,
  code: string,
  format: 'docx' | 'txt' | 'pdf' | 'doc' = 'docx',
) {
  const r = await readSource(bytes, { format, fileName });
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.error.code).toBe(code);
  expect(r.error.message).toContain(fileName);
  expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
}

describe('zip bombs and caps (H1)', () => {
  it('stops a bomb by real inflated bytes and ratio, whatever the header claims', async () => {
    const bomb = zipBomb(40);
    expect(bomb.length).toBeLessThan(200_000);
    const t0 = performance.now();
    await expectError(bomb, '炸弹.docx', 'import.zip.bomb');
    expect(performance.now() - t0).toBeLessThan(3000);
  });

  it('lying declared sizes do not matter: the per-entry cap counts what comes out', () => {
    const zip = zipSync({ 'a.xml': new Uint8Array(300_000).fill(65) });
    // Claim 10 bytes in the central directory.
    const z = zip.slice();
    for (let i = 0; i < z.length - 4; i++)
      if (z[i] === 0x50 && z[i + 1] === 0x4b && z[i + 2] === 1 && z[i + 3] === 2) z.set([10, 0, 0, 0], i + 24);
    const sz = new SafeZip(z, { maxEntryBytes: 100_000 });
    expect(() => sz.read('a.xml')).toThrowError(ZipError);
    try {
      sz.read('a.xml');
    } catch (e) {
      expect((e as ZipError).code).toBe('zip.entry-too-large');
    }
  });

  it('caps the total across entries and the entry count', () => {
    const zip = zipSync({ 'a.xml': new Uint8Array(60_000).fill(65), 'b.xml': new Uint8Array(60_000).fill(66) });
    const sz = new SafeZip(zip, { maxTotalBytes: 100_000 });
    sz.read('a.xml');
    expect(() => sz.read('b.xml')).toThrow(/past 100000/);
    expect(() => new SafeZip(zip, { maxEntries: 1 })).toThrow(ZipError);
  });
});

describe('broken packages (B1, B4)', () => {
  const good = buildDocx({ body: para('正常的正文') });

  it('truncated zip → import.zip.truncated', async () => {
    await expectError(good.subarray(0, Math.floor(good.length / 2)), '截断.docx', 'import.zip.truncated');
  });

  it('bad CRC → import.zip.bad-crc', async () => {
    await expectError(corruptCrc(good, 'word/document.xml'), '校验错.docx', 'import.zip.bad-crc');
  });

  it('a zip without a main document → import.docx.no-main-part', async () => {
    await expectError(zipSync({ 'hello.txt': strToU8('hi') }), '不是文档.docx', 'import.docx.no-main-part');
  });

  it('malformed XML → import.xml.malformed', async () => {
    const bad = buildDocx({ body: '<w:p><w:r><w:t>未闭合</w:r></w:p>' });
    await expectError(bad, '坏XML.docx', 'import.xml.malformed');
  });

  it('a PDF renamed .docx, an empty file, a Word lock file, random bytes: clear errors', async () => {
    await expectError(strToU8('%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF'), '发言.docx', 'import.wrong-extension');
    await expectError(new Uint8Array(0), '空文件.docx', 'import.empty');
    await expectError(wordLockFile(), '~$发言.docx', 'import.lock-file');
    await expectError(wordLockFile(), '.~发言.docx', 'import.lock-file');
    await expectError(new Uint8Array(500).fill(7), '乱码.docx', 'import.docx.not-a-document');
  });

  it('encrypted DOCX (an OLE2 container) → import.docx.encrypted; a .doc without converter → import.legacy.no-converter', async () => {
    await expectError(fakeEncryptedOoxml(), '加密.docx', 'import.docx.encrypted');
    await expectError(fakeOle2Doc(), '旧文档.doc', 'import.legacy.no-converter', 'doc');
    // A .doc saved under a .docx name is treated as .doc, not as a broken zip.
    await expectError(fakeOle2Doc(), '其实是doc.docx', 'import.legacy.no-converter');
  });
});

describe('zip entry names (H3)', () => {
  it('never addresses traversal, absolute or drive-letter names; duplicates refuse the package', async () => {
    expect(safeEntryName('../../etc/passwd')).toBeNull();
    expect(safeEntryName('/abs/x.xml')).toBeNull();
    expect(safeEntryName('C:\\x.xml')).toBeNull();
    expect(safeEntryName('word\\..\\..\\x.xml')).toBeNull();
    expect(safeEntryName('word\\document.xml')).toBe('word/document.xml');
    const base = buildDocx({
      body: para('正文仍然可读'),
      extra: { 'evil/aaaaaa.xml': strToU8('x'), 'evil/bbbbbbbbb.xml': strToU8('y') },
    });
    const hostile = renameEntries(base, {
      'evil/aaaaaa.xml': '../../evil1.xml',
      'evil/bbbbbbbbb.xml': '/etc/passwd_abcdef',
    });
    const r = await readDocx(hostile, '路径.docx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.blocks).toEqual([{ type: 'paragraph', inlines: [{ type: 'text', text: '正文仍然可读' }] }]);
    expect(r.value.warnings.map((w) => w.code)).toEqual(['zip.unsafe-names']);
    const dup = renameEntries(buildDocx({ body: para('x'), extra: { 'word/documenX.xml': strToU8('<x/>') } }), {
      'word/documenX.xml': 'word/document.xml',
    });
    await expectError(dup, '重复.docx', 'import.zip.duplicate-entry');
  });
});

describe('XML attacks (H2)', () => {
  it('refuses DOCTYPE / ENTITY anywhere: XXE and billion laughs are never expanded', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="${W}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`;
    expect(() => parseXml(xxe)).toThrow(XmlError);
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><w:styles xmlns:w="${W}">&lol2;</w:styles>`;
    const d = buildDocx({ body: para('正文'), extra: {} });
    const withXxe = zipSync({
      ...Object.fromEntries(Object.entries(await import('fflate').then((f) => f.unzipSync(d)))),
      'word/document.xml': strToU8(xxe),
    });
    await expectError(withXxe, 'xxe.docx', 'import.xml.doctype');
    const withLaughs = buildDocx({ body: para('正文'), styles: '' });
    const files = (await import('fflate')).unzipSync(withLaughs);
    files['word/styles.xml'] = strToU8(laughs);
    await expectError(zipSync(files), 'laughs.docx', 'import.xml.doctype');
  });

  it('undefined entities are an error, not a lookup', () => {
    expect(() => parseXml(`<a>&undefinedEntity;</a>`)).toThrow(XmlError);
  });

  it('pathological nesting is refused, not recursed into', () => {
    const deep = '<a>'.repeat(5000) + '</a>'.repeat(5000);
    expect(() => parseXml(deep)).toThrow(/nesting/);
  });
});
