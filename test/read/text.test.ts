// Text import in every encoding a secretariat receives (reliability B2): decoded right or refused,
// never silently garbled. Fixtures are made here with iconv-lite from our own sentences.
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { documentText } from '../../core/model/document';
import { decodeText, plausibility, readText } from '../../core/read/text';
import { expectGolden } from './golden';

const SPEECH = [
  '关于推动齐文化创造性转化的建议',
  '市政协常委 韩喜',
  '',
  '　　齐文化是中华优秀传统文化的重要组成部分。近年来，我市坚持保护与利用并重，取得了明显成效。',
  '一、基本情况',
  '　　全市现有各级文物保护单位一百余处，其中国家级十二处。',
  '（一）保护工作持续加强',
  '　　建立了文物安全巡查制度。',
  '1.完善工作机制',
  '（1）明确责任分工',
  '二、存在的问题',
  '　　一是统筹不够，二是投入不足。',
].join('\r\n');
const TRAD =
  '政協委員圍繞齊文化傳承與創新建言獻策，提出了許多有價值的意見和建議。我們要堅持以人民為中心的發展思想，推動文化事業和文化產業繁榮發展。';
const enc = (s: string, e: string) => new Uint8Array(iconv.encode(s, e));

describe('text decoding', () => {
  const cases: [string, Uint8Array][] = [
    ['utf-8', new TextEncoder().encode(SPEECH)],
    ['utf-8-bom', new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(SPEECH)])],
    ['gbk', enc(SPEECH, 'gbk')],
    ['gb18030', enc(SPEECH + '\r\n㐀䶵𠀀（扩展字符）', 'gb18030')],
    ['utf-16le-bom', new Uint8Array([0xff, 0xfe, ...enc(SPEECH, 'utf-16le')])],
    ['utf-16be-bom', new Uint8Array([0xfe, 0xff, ...enc(SPEECH, 'utf-16be')])],
    ['utf-16le', enc(SPEECH, 'utf-16le')],
    ['utf-16be', enc(SPEECH, 'utf-16be')],
  ];
  for (const [name, bytes] of cases)
    it(`decodes ${name} exactly`, () => {
      const d = decodeText(bytes);
      expect('garbled' in d).toBe(false);
      if ('garbled' in d) return;
      expect(d.text.startsWith(SPEECH)).toBe(true);
    });

  it('decodes Big5 (traditional) as Big5, not as GB', () => {
    const d = decodeText(enc(TRAD, 'big5'));
    expect('garbled' in d ? '' : d.text).toBe(TRAD);
  });

  it('English UTF-16BE without BOM is not read as NUL-interleaved UTF-8', () => {
    const d = decodeText(enc('This is a plain English note.\nSecond line.', 'utf-16be'));
    expect('garbled' in d ? '' : d.text).toBe('This is a plain English note.\nSecond line.');
  });

  it('repairs UTF-8 that was once read as GBK and saved again (reversible double encoding)', () => {
    // Lines whose mis-decoding happened to be lossless (checked: no U+FFFD in between).
    const original =
      '政协委员建言献策\n我市文化旅游发展情况\n加强历史文化名城保护工作\n齐文化博物馆建设\n提高公共文化服务水平';
    const utf8 = new TextEncoder().encode(original);
    const mojibake = iconv.decode(Buffer.from(utf8), 'gb18030');
    expect(plausibility(mojibake).score).toBeLessThan(0.6);
    const d = decodeText(new TextEncoder().encode(mojibake));
    expect('garbled' in d).toBe(false);
    if ('garbled' in d) return;
    expect(d.encoding).toBe('utf-8-double-encoded');
    expect(d.text).toBe(original);
  });

  it('refuses text no decoding makes plausible (lossy mojibake, binary noise)', async () => {
    const lossy =
      iconv.decode(
        Buffer.from(new TextEncoder().encode('政协委员围绕齐文化传承与创新建言献策，提出了许多有价值的意见和建议。')),
        'gbk',
      ) + '锟斤拷锟斤拷';
    const r = await readText(new TextEncoder().encode(lossy.repeat(3)), '乱码.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('import.text.garbled');
      expect(r.error.message).toContain('乱码.txt');
    }
    let seed = 7;
    const noise = new Uint8Array(3000).map(() => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    const n = await readText(noise, '噪声.txt');
    expect(n.ok ? 'ok' : n.error.code).toBe('import.text.garbled');
  });

  it('an empty file is a clear error', async () => {
    const r = await readText(new Uint8Array(0), '空.txt');
    expect(r.ok ? '' : r.error.code).toBe('import.empty');
  });
});

describe('text structure', () => {
  it('GBK speech with CRLF and full-width indentation: title, author, headings by pattern, paragraphs', async () => {
    const r = await readText(enc(SPEECH, 'gbk'), '韩喜.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.value;
    expect(d.title).toBe('关于推动齐文化创造性转化的建议');
    expect(d.authorLine).toBe('市政协常委 韩喜');
    expect(d.blocks.map((b) => (b.type === 'heading' ? `H${b.level}` : b.type))).toEqual([
      'paragraph',
      'H1',
      'paragraph',
      'H2',
      'paragraph',
      'H3',
      'H4',
      'H1',
      'paragraph',
    ]);
    expect(documentText(d)).not.toMatch(/[\r\u3000]/);
    expectGolden('text-gbk-speech', d);
  });
});

describe('Markdown in a Chinese encoding', () => {
  it('a GBK .md decodes like a text file before the Markdown reader sees it', async () => {
    const { readSource } = await import('../../core/read/registry');
    const md =
      '---\ntitle: 关于文物保护的建议\nauthor: 市政协常委 韩喜\n---\n\n## 一、基本情况\n\n全市现有文物保护单位一百余处。\n';
    const r = await readSource(enc(md, 'gbk'), { format: 'md', fileName: '韩喜.md' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.title).toBe('关于文物保护的建议');
    expect(documentText(r.value)).toContain('全市现有文物保护单位一百余处。');
  });
});

describe('hard-wrapped text', () => {
  it('joins lines cut at a fixed width back into paragraphs; short and indented lines start new ones', async () => {
    const { textToBlocks } = await import('../../core/read/text');
    const para1 =
      '齐文化是中华优秀传统文化的重要组成部分，具有鲜明的开放包容、务实创新、兼容并蓄的特点，近年来我市坚持保护与利用并重，取得了明显成效。';
    const para2 =
      '下一步要进一步加强统筹协调，形成推动齐文化传承发展的工作合力，确保各项任务落到实处，不断开创工作新局面。';
    const wrap = (p: string, w: number) =>
      [...p].reduce<string[]>(
        (acc, ch, i) => (i % w === 0 ? [...acc, ch] : [...acc.slice(0, -1), acc[acc.length - 1] + ch]),
        [],
      );
    const text = [
      '一、基本情况',
      ...wrap('　　' + para1, 24),
      ...wrap('　　' + para2, 24),
      '二、下一步打算',
      '　　短段落。',
    ].join('\r\n');
    const blocks = textToBlocks(text);
    expect(
      blocks.map((b) =>
        b.type === 'heading'
          ? `H${b.level}`
          : b.type === 'paragraph'
            ? b.inlines.map((i) => (i.type === 'text' ? i.text : '')).join('')
            : b.type,
      ),
    ).toEqual(['H1', para1, para2, 'H1', '短段落。']);
  });

  it('a form feed is a page break', async () => {
    const { textToBlocks } = await import('../../core/read/text');
    expect(textToBlocks('第一页\n\f\n第二页').map((b) => b.type)).toEqual(['paragraph', 'pageBreak', 'paragraph']);
  });
});
