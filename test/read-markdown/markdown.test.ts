// Markdown reader: golden SourceDoc JSON per feature (UPDATE_GOLDEN=1 rewrites them) plus direct
// assertions on the rules, so a wrong golden cannot hide a wrong reader.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMarkdown, labelLevel } from '../../core/read/markdown';
import { SourceDocSchema, inlineText, type Block, type SourceDoc } from '../../core/model/document';
import { readSource } from '../../core/read/registry';
import { FIXTURES, PNG_1x1 } from './fixtures';

const GOLDEN = new URL('./golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';
const docs = new Map<string, SourceDoc>(FIXTURES.map((f) => [f.name, readMarkdown(f.text, f.opts)]));
const doc = (name: string) => docs.get(name)!;
const texts = (blocks: Block[]) =>
  blocks.map((b) =>
    b.type === 'heading' || b.type === 'paragraph'
      ? `${b.type}${b.type === 'heading' ? b.level : ''}:${inlineText(b.inlines)}`
      : b.type,
  );

describe('golden SourceDoc per fixture', () => {
  for (const f of FIXTURES) {
    it(f.name, () => {
      const d = doc(f.name);
      expect(() => SourceDocSchema.parse(d)).not.toThrow();
      const file = new URL(`${f.name}.json`, GOLDEN);
      const json = JSON.stringify(d, null, 2) + '\n';
      if (update) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, json);
      }
      expect(
        existsSync(file),
        `golden/${f.name}.json missing: run UPDATE_GOLDEN=1 npx vitest run test/read-markdown`,
      ).toBe(true);
      expect(json).toBe(readFileSync(file, 'utf8'));
    });
  }
});

describe('title and author', () => {
  it('front matter gives them and a repeated # title is not kept in blocks', () => {
    const d = doc('front-matter');
    expect(d.title).toBe('关于推动齐文化“活起来”的建议');
    expect(d.authorLine).toBe('市政协常委 韩喜');
    expect(texts(d.blocks)).toEqual(['paragraph:齐文化源远流长。']);
  });
  it('without front matter the leading # heading and the short line after it', () => {
    const d = doc('title-from-heading');
    expect(d.title).toBe('稷下学宫遗址保护利用的几点思考');
    expect(d.authorLine).toBe('民盟××市委会');
    expect(texts(d.blocks)).toEqual(['paragraph:稷下学宫是战国时期齐国的官办高等学府。']);
  });
  it('a labelled # heading is a section, not the title; a salutation is not an author line', () => {
    const d = readMarkdown('# 一、基本情况\n\n正文。\n');
    expect(d.title).toBeUndefined();
    expect(texts(d.blocks)).toEqual(['heading1:一、基本情况', 'paragraph:正文。']);
    const s = readMarkdown('# 在常委会会议上的发言\n\n各位常委：\n\n大家好。\n');
    expect([s.title, s.authorLine]).toEqual(['在常委会会议上的发言', undefined]);
    expect(texts(s.blocks)).toEqual(['paragraph:各位常委：', 'paragraph:大家好。']);
  });
  it('a long first paragraph is not taken for an author line', () => {
    const d = readMarkdown('# 标题\n\n近年来，我市高度重视齐文化传承创新工作，取得了积极成效。\n');
    expect(d.title).toBe('标题');
    expect(d.authorLine).toBeUndefined();
    expect(d.blocks).toHaveLength(1);
  });
});

describe('heading levels (GB/T 9704 7.3.3)', () => {
  it('labels win over markdown depth; depth maps ## → 1, ### → 2, #### → 3, ##### + → 4', () => {
    expect(texts(doc('headings').blocks)).toEqual([
      'heading1:一、基本情况',
      'heading2:（一）主要做法',
      'heading3:1.完善顶层设计',
      'heading4:（1）编制专项规划',
      'heading1:无编号标题',
      'heading1:文中的一级标题',
      'heading2:其他标题按层级',
      'heading3:第三层',
      'heading4:第六层',
      'heading1:二、存在的问题',
      'heading2:（二）人才支撑不足',
      'heading3:3.加强资金保障',
      'heading3:4．强化督查落实',
      'heading4:（2）出台扶持政策',
      'paragraph:（一）加强保护。近年来，我市不断加大遗址保护力度，取得明显成效。',
      'paragraph:一、这是一个很长的段落虽然以一、开头但是它的长度已经超过了四十个字所以不应当被当作标题来处理的情况',
      'paragraph:1.5亿元的投入带动了文旅发展。',
      'heading1:Setext 标题',
      'heading1:三、对策建议',
    ]);
  });
  it('a short labelled line inside running text stands alone; list markers and long lines do not', () => {
    const d = readMarkdown(
      '一、基本情况\n正文第一段，\n接续的一行。\n（一）主要做法\n正文。\n二、这一行虽然有编号但是后面还有很长的内容，而且包含了句号。所以它仍然属于段落\n1. 列表项\n2. 列表项\n',
    );
    expect(texts(d.blocks)).toEqual([
      'heading1:一、基本情况',
      'paragraph:正文第一段，接续的一行。',
      'heading2:（一）主要做法',
      'paragraph:正文。二、这一行虽然有编号但是后面还有很长的内容，而且包含了句号。所以它仍然属于段落',
      'list',
    ]);
    const list = d.blocks[4];
    expect(list.type === 'list' && list.items.map((i) => i.label)).toEqual(['1.', '2.']);
  });
  it('labelLevel', () => {
    expect([
      labelLevel('十二、x'),
      labelLevel('(三)x'),
      labelLevel('10.x'),
      labelLevel('(12)x'),
      labelLevel('2023年'),
      labelLevel('1.5亿'),
    ]).toEqual([1, 2, 3, 4, undefined, undefined]);
    expect([labelLevel('１．全角数字'), labelLevel('（２）全角'), labelLevel('１．５亿')]).toEqual([3, 4, undefined]);
  });
});

describe('inline content', () => {
  const p = doc('inline').blocks;
  it('bold, italic, super/subscript marks; strikethrough, code and links keep their text', () => {
    const first = p[0];
    if (first.type !== 'paragraph') throw new Error('expected a paragraph');
    expect(first.inlines).toContainEqual({ type: 'text', text: '加粗', bold: true });
    expect(first.inlines).toContainEqual({ type: 'text', text: '斜体', italic: true });
    expect(first.inlines).toContainEqual({ type: 'text', text: '粗斜体', bold: true, italic: true });
    expect(first.inlines).toContainEqual({ type: 'text', text: '2', vertAlign: 'super' });
    expect(first.inlines).toContainEqual({ type: 'text', text: '2', vertAlign: 'sub' });
    expect(inlineText(first.inlines)).toBe(
      '这是加粗、斜体和粗斜体，面积1.2万m2，排放CO2，删除线文字保留。中文软换行直接相连，English soft break keeps a space，code 保留，链接文字只留文字。',
    );
  });
  it('bold around Chinese punctuation next to Han characters is bold (CJK-friendly flanking)', () => {
    const d = readMarkdown('打造**“齐文化+”**品牌，研读**《管子》**一书。');
    const p0 = d.blocks[0];
    expect(p0.type === 'paragraph' && p0.inlines).toEqual([
      { type: 'text', text: '打造' },
      { type: 'text', text: '“齐文化+”', bold: true },
      { type: 'text', text: '品牌，研读' },
      { type: 'text', text: '《管子》', bold: true },
      { type: 'text', text: '一书。' },
    ]);
  });
  it('hard breaks become break inlines; escapes and lone ^ ~ stay literal', () => {
    expect(p[1].type === 'paragraph' && p[1].inlines.map((i) => i.type)).toEqual([
      'text',
      'break',
      'text',
      'break',
      'text',
    ]);
    expect(p[2].type === 'paragraph' && inlineText(p[2].inlines)).toBe('转义的 *星号* 和 2^10 与 a~b 不变。');
  });
});

describe('lists', () => {
  const blocks = doc('lists').blocks;
  it('labels, nesting levels and separate lists', () => {
    const lists = blocks.filter((b) => b.type === 'list');
    expect(lists.map((l) => l.items.map((i) => `${i.level}${i.label}${inlineText(i.inlines)}`))).toEqual([
      [
        '01.加强规划引领',
        '02.加大资金投入',
        '1•设立专项资金',
        '1•引导社会资本',
        '21.以奖代补',
        '03.推动融合发展\n第二段落属于第三项。',
      ],
      ['0•第一条'],
      ['0•第二条（换了标记，新列表）'],
      ['0（1）甲', '0（2）乙'],
      ['05.从五开始', '06.接着六'],
    ]);
    expect(lists.map((l) => l.ordered)).toEqual([true, false, false, true, true]);
  });
});

describe('tables', () => {
  const blocks = doc('tables').blocks;
  it('header row, alignment, caption from a preceding 表N line, marks and escaped pipes in cells', () => {
    const t = blocks[0];
    if (t.type !== 'table') throw new Error('expected a table first');
    expect(t.caption).toBe('表1　2021—2023年主要景区接待游客情况（单位：万人次）');
    expect(t.headerRows).toBe(1);
    expect(t.rows).toHaveLength(4);
    expect(t.rows[0].cells.map((c) => c.align)).toEqual(['center', 'right', 'left', undefined]);
    expect(t.rows[0].cells[2].paragraphs[0].inlines).toEqual([{ type: 'text', text: '足球博物馆', bold: true }]);
    expect(inlineText(t.rows[2].cells[3].paragraphs[0].inlines)).toBe('含|线上');
    expect(t.rows[1].cells[3].paragraphs[0].inlines).toEqual([]);
    expect(t.rows.every((r) => r.cells.every((c) => c.paragraphs[0].indent === false))).toBe(true);
  });
  it('a table without a 表N line has no caption; short rows are padded by markdown-it', () => {
    expect(texts(blocks.slice(1, 2))).toEqual(['paragraph:没有表题的表格：']);
    const t = blocks[2];
    expect(t.type === 'table' && t.caption).toBe(undefined);
    expect(t.type === 'table' && t.rows[1].cells.length).toBe(2);
  });
});

describe('images', () => {
  const d = doc('images');
  it('data: PNG and JPEG become image blocks with their pixel size; a paragraph around an image is split', () => {
    expect(texts(d.blocks).slice(0, 4)).toEqual(['paragraph:图表如下：', 'image', 'paragraph:见上。', 'image']);
    const [png, jpg] = d.blocks.filter((b) => b.type === 'image');
    expect(png).toEqual({
      type: 'image',
      resource: 'image1',
      width: 1,
      height: 1,
      alt: '柱状图',
      caption: '图1　接待游客人次',
    });
    expect(jpg).toMatchObject({ width: 320, height: 200 });
    expect(d.images.image1).toEqual({ mime: 'image/png', data: PNG_1x1 });
    expect(d.images.image2.mime).toBe('image/jpeg');
  });
  it('relative, remote and broken images keep their alt text with a warning; javascript: stays literal', () => {
    expect(texts(d.blocks).slice(4)).toEqual([
      'paragraph:本地图片',
      'paragraph:网络图片',
      'paragraph:坏图片',
      'paragraph:[点我](javascript:alert(1)) ![x](javascript:alert(1))',
    ]);
    expect(d.warnings.map((w) => w.code)).toEqual(['image.external-ref', 'image.remote-ref', 'image.invalid']);
    expect(d.warnings.every((w) => /[\u4e00-\u9fff]/.test(w.message))).toBe(true);
  });
  it('a resolver port reads relative images (URL-decoded); unresolved ones are reported', () => {
    const r = doc('images-resolved');
    expect(r.blocks[0]).toMatchObject({ type: 'image', width: 640, height: 480, caption: '图2　遗址' });
    expect(r.warnings.map((w) => w.code)).toEqual(['image.external-ref']);
  });
  it('the resolver is never called for URLs with a scheme (H4)', () => {
    const seen: string[] = [];
    readMarkdown('![a](file:///etc/passwd) ![b](http://x/y.png) ![c](//host/z.png) ![d](rel.png)', {
      resolveImage: (s) => (seen.push(s), undefined),
    });
    expect(seen).toEqual(['rel.png']);
  });
});

describe('footnotes', () => {
  const d = doc('footnotes');
  it('references become noteRef inlines; notes are ordered by first reference, unreferenced last', () => {
    expect(d.footnotes.map((f) => [f.id, inlineText(f.inlines)])).toEqual([
      ['a', '数据来源：《2022年××市国民经济和社会发展统计公报》，加粗部分为第二行。'],
      ['b', '调研组根据问卷整理。'],
      ['z', '没有被引用的脚注。'],
    ]);
    expect(d.footnotes[0].inlines).toContainEqual({ type: 'text', text: '加粗', bold: true });
    const p = d.blocks[0];
    expect(p.type === 'paragraph' && p.inlines.filter((i) => i.type === 'noteRef')).toEqual([
      { type: 'noteRef', id: 'a' },
      { type: 'noteRef', id: 'b' },
    ]);
    const t = d.blocks.find((b) => b.type === 'table');
    expect(t?.type === 'table' && t.rows[1].cells[1].paragraphs[0].inlines).toContainEqual({
      type: 'noteRef',
      id: 'b',
    });
  });
  it('an undefined reference stays literal and both anomalies are reported', () => {
    expect(d.blocks[1].type === 'paragraph' && inlineText(d.blocks[1].inlines)).toBe(
      '再次引用同一脚注，以及没有定义的[^x]。',
    );
    expect(d.warnings.map((w) => w.code).sort()).toEqual(['footnote.undefined', 'footnote.unreferenced']);
  });
});

describe('hostile and odd input', () => {
  it('HTML is literal text, never interpreted (H5)', () => {
    expect(texts(doc('html-inert').blocks)).toEqual([
      'paragraph:<script>alert("x")</script>',
      'paragraph:正文中的<b>标签</b>和<img src=x onerror=alert(1)>原样保留，<实体>解码。',
      'paragraph:<div style="page-break-after: always"></div>',
    ]);
  });
  it('BOM, CRLF and full-width indentation: each indented line is its own paragraph, indent stripped', () => {
    const d = doc('crlf-indent');
    expect(d.title).toBe('全角缩进');
    expect(texts(d.blocks)).toEqual([
      'paragraph:第一段，使用全角空格缩进。',
      'paragraph:第二段，紧接上一行。',
      'heading1:一、基本情况',
      'paragraph:第三段。',
    ]);
  });
  it('code is kept literally, block quotes flow as paragraphs, thematic breaks vanish', () => {
    expect(texts(doc('code-and-quote').blocks)).toEqual([
      'paragraph:引用的段落：“仓廪实而知礼节”。',
      'paragraph:代码块 <b>原样</b>\n  缩进保留',
      'paragraph:缩进代码',
    ]);
  });
  it('never throws: deep nesting, huge link labels, random punctuation soup', () => {
    const deep = '> '.repeat(2000) + 'x\n' + '- '.repeat(500) + 'y\n' + '['.repeat(5000) + ']'.repeat(5000);
    const t0 = Date.now();
    expect(() => SourceDocSchema.parse(readMarkdown(deep))).not.toThrow();
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const alphabet = [
      '#',
      '*',
      '_',
      '[',
      ']',
      '(',
      ')',
      '!',
      '|',
      '-',
      '^',
      '~',
      '`',
      '\n',
      ' ',
      '\u3000',
      '一、',
      '（1）',
      '1.',
      '[^1]',
      '[^1]: ',
      '---',
      '<b>',
      '字',
    ];
    for (let k = 0; k < 150; k++) {
      const s = Array.from({ length: 60 }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
      expect(() => SourceDocSchema.parse(readMarkdown(s)), JSON.stringify(s)).not.toThrow();
    }
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
  it('many anomalies of one kind: at most 20 messages plus one count, fast', () => {
    const t0 = Date.now();
    const d = readMarkdown(
      Array.from({ length: 3000 }, (_, i) => `![图${i}](p${i}.png) [^n${i}]`).join('\n\n') +
        '\n\n' +
        Array.from({ length: 3000 }, (_, i) => `[^d${i}]: 注`).join('\n'),
    );
    expect(Date.now() - t0).toBeLessThan(5_000);
    const images = d.warnings.filter((w) => w.code === 'image.external-ref');
    expect(images).toHaveLength(21);
    expect(images[20].message).toBe('另有 2980 处同类问题未逐一列出');
    expect(d.warnings.filter((w) => w.code.startsWith('footnote.')).map((w) => w.message)).toEqual([
      '脚注 [^d0]、[^d1]、[^d2]、[^d3]、[^d4] 等 3000 条 在正文中没有引用，已放在脚注末尾',
      '脚注引用 [^n0]、[^n1]、[^n2]、[^n3]、[^n4] 等 3000 处 没有对应的脚注内容，已按原文保留',
    ]);
    expect(d.footnotes).toHaveLength(3000);
  });
  it('the registry reads .md bytes (UTF-8 with BOM) through this reader', async () => {
    const bytes = new TextEncoder().encode('\uFEFF---\ntitle: 标题\nauthor: 韩喜\n---\n正文。\n');
    const r = await readSource(bytes, { format: 'md', fileName: 'a.md' });
    expect(r.ok && [r.value.title, r.value.authorLine, r.value.blocks.length]).toEqual(['标题', '韩喜', 1]);
  });
});
