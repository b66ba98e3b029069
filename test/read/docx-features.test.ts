// DOCX reader features on hand-written WordprocessingML: each fixture is checked against its golden
// SourceDoc JSON and, independently, by explicit assertions on what must (not) be in the text.
import { describe, expect, it } from 'vitest';
import { documentText, type Block, type SourceDoc } from '../../core/model/document';
import { readDocx } from '../../core/read/docx/index';
import {
  buildDocx,
  drawing,
  emf,
  font,
  jpegHeader,
  para,
  png,
  pngHeaderOnly,
  run,
  type DocxParts,
} from '../../scripts/make-fixtures';
import { expectGolden } from './golden';

async function read(parts: DocxParts, name = 'test.docx'): Promise<SourceDoc> {
  const r = await readDocx(buildDocx(parts), name);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}
const text = (d: SourceDoc) => documentText(d);
const headings = (d: SourceDoc) =>
  d.blocks
    .filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading')
    .map((h) => [h.level, documentText({ blocks: [h] })]);

const STYLES = `
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="20"><w:name w:val="标题 2"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="yj"><w:name w:val="一级标题"/></w:style>
<w:style w:type="paragraph" w:styleId="mine"><w:name w:val="我的标题样式"/><w:basedOn w:val="20"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="outl"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="character" w:styleId="hid"><w:name w:val="Hidden"/><w:rPr><w:vanish/></w:rPr></w:style>`;

describe('DOCX headings', () => {
  it('finds headings by style name (English, Chinese, 一级标题), outline level, basedOn, and by label plus formatting', async () => {
    const d = await read({
      styles: STYLES,
      body: [
        para('关于齐文化传承的几点建议', '<w:jc w:val="center"/>'),
        para('市政协常委 韩喜', '<w:jc w:val="center"/>'),
        para('Heading by English style name', '<w:pStyle w:val="1"/>'),
        para('由中文样式名确定的二级标题', '<w:pStyle w:val="20"/>'),
        para('一级标题样式', '<w:pStyle w:val="yj"/>'),
        para('继承的标题样式', '<w:pStyle w:val="mine"/>'),
        para('大纲级别三', '<w:pStyle w:val="outl"/>'),
        para('直接大纲级别', '<w:outlineLvl w:val="1"/>'),
        para(run('一、总体要求', font('黑体'))),
        para(run('（一）加强保护', font('楷体_GB2312'))),
        para(run('1.建立协调机制', '<w:b/>')),
        para(run('（2）完善政策', '<w:b/>')),
        para('二、没有格式但形如标题'),
        para('3.没有格式的三级标号不是标题'),
        para(
          '1.这是一个很长的正文段落，虽然以数字标号开头，但它显然是正文而不是标题，因为它很长而且以句号结尾，读者一看便知。',
        ),
      ].join(''),
    });
    expect(d.title).toBe('关于齐文化传承的几点建议');
    expect(d.authorLine).toBe('市政协常委 韩喜');
    expect(headings(d)).toEqual([
      [1, 'Heading by English style name'],
      [2, '由中文样式名确定的二级标题'],
      [1, '一级标题样式'],
      [2, '继承的标题样式'],
      [3, '大纲级别三'],
      [2, '直接大纲级别'],
      [1, '一、总体要求'],
      [2, '（一）加强保护'],
      [3, '1.建立协调机制'],
      [4, '（2）完善政策'],
      [1, '二、没有格式但形如标题'],
    ]);
    const paras = d.blocks.filter((b) => b.type === 'paragraph').map((b) => documentText({ blocks: [b] }));
    expect(paras[0]).toBe('3.没有格式的三级标号不是标题');
    expect(paras[1]).toMatch(/^1\.这是一个很长的正文段落/);
    expectGolden('docx-headings', d);
  });

  it('a left-aligned title in display size, broken by hand with a line break, is still the title', async () => {
    const d = await read({
      body:
        para(
          run('关于推动齐文化', '<w:sz w:val="44"/>') +
            '<w:r><w:br/></w:r>' +
            run('创造性转化的建议', '<w:sz w:val="44"/>'),
        ) +
        para('——韩喜') +
        para('正文第一段。'),
    });
    expect(d.title).toBe('关于推动齐文化创造性转化的建议');
    expect(d.authorLine).toBe('韩喜'); // printed without the leading —— (issue 10; it was '——韩喜')
    expect(text(d)).toBe('正文第一段。');
  });

  it('a Title style paragraph becomes the title', async () => {
    const d = await read({
      styles: STYLES,
      body: para('标题样式的标题', '<w:pStyle w:val="Title"/>') + para('韩喜') + para('正文。'),
    });
    expect(d.title).toBe('标题样式的标题');
    expect(d.authorLine).toBe('韩喜');
    expect(text(d)).toBe('正文。');
  });
});

const NUMBERING = `
<w:abstractNum w:abstractNumId="0">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="5"><w:lvl w:ilvl="0"><w:start w:val="9"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="6"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="4"/></w:num>
<w:num w:numId="6"><w:abstractNumId w:val="5"/></w:num>
<w:num w:numId="7"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="8"><w:abstractNumId w:val="6"/></w:num>`;
const li = (numId: number, ilvl: number, t: string) =>
  para(t, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

describe('DOCX lists', () => {
  it('resolves numbering definitions to printed labels, multi-level, restarts and bullets', async () => {
    const d = await read({
      numbering: NUMBERING,
      body: [
        li(1, 0, '第一项'),
        li(1, 1, '子项甲'),
        li(1, 1, '子项乙'),
        li(1, 2, '三级'),
        li(1, 0, '第二项'),
        li(1, 1, '子项重新从 a 开始'),
        para('中间的正文。'),
        li(1, 0, '同一列表继续编号'),
        li(7, 0, '新列表从 1 重新开始'),
        li(4, 0, '项目符号'),
        li(4, 0, '项目符号二'),
        li(5, 0, '甲项'),
        li(5, 0, '乙项'),
        li(6, 0, '起始为九'),
        li(6, 0, '第十条'),
        li(6, 0, '第十一条'),
        li(8, 0, '带圈数字'),
        li(8, 0, '带圈数字二'),
      ].join(''),
    });
    const lists = d.blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
    const labels = lists.flatMap((l) => l.items.map((i) => `${i.level}:${i.label}`));
    expect(labels).toEqual([
      '0:1.',
      '1:a)',
      '1:b)',
      '2:1.b.1',
      '0:2.',
      '1:a)',
      '0:3.',
      '0:1.',
      '0:•',
      '0:•',
      '0:甲.',
      '0:乙.',
      '0:第九条',
      '0:第十条',
      '0:第十一条',
      '0:①',
      '0:②',
    ]);
    expect(lists.find((l) => l.items[0].label === '•')?.ordered).toBe(false);
    expectGolden('docx-lists', d);
  });

  it("follows numStyleLink to a list style's definition", async () => {
    const numbering = `<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="11"><w:numStyleLink w:val="ListStyleA"/></w:abstractNum>
      <w:num w:numId="20"><w:abstractNumId w:val="10"/></w:num><w:num w:numId="21"><w:abstractNumId w:val="11"/></w:num>`;
    const styles = `<w:style w:type="numbering" w:styleId="ListStyleA"><w:name w:val="列表样式甲"/><w:pPr><w:numPr><w:numId w:val="20"/></w:numPr></w:pPr></w:style>`;
    const d = await read({ numbering, styles, body: li(21, 0, '第一') + li(21, 0, '第二') });
    const l = d.blocks[0];
    expect(l.type === 'list' ? l.items.map((i) => i.label) : []).toEqual(['①', '②']);
  });

  it('a short numbered paragraph with a heading label and heading face becomes a heading with its label', async () => {
    const d = await read({
      numbering: NUMBERING,
      body:
        para(run('主要做法', font('黑体')), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>') +
        para(run('存在问题', font('黑体')), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>') +
        para(run('加强领导', font('楷体')), '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'),
    });
    expect(headings(d)).toEqual([
      [1, '一、主要做法'],
      [1, '二、存在问题'],
      [4, '（1）加强领导'],
    ]);
  });
});

describe('DOCX tables', () => {
  it('keeps merged cells (gridSpan → colSpan, vMerge → rowSpan), header rows, widths; flattens nested tables', async () => {
    const tc = (t: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${para(t)}</w:tc>`;
    const nested = `<w:tbl><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid><w:tr>${tc('内甲')}${tc('内乙')}</w:tr></w:tbl>`;
    const body = `<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>
      <w:tr><w:trPr><w:tblHeader/></w:trPr>${tc('项目')}${tc('2022年', '')}${tc('2023年')}</w:tr>
      <w:tr>${tc('游客', '<w:vMerge w:val="restart"/>')}${tc('合计跨两列', '<w:gridSpan w:val="2"/>')}</w:tr>
      <w:tr>${tc('', '<w:vMerge/>')}${tc('100', '')}<w:tc>${para('200', '<w:jc w:val="center"/>')}</w:tc></w:tr>
      <w:tr>${tc('', '<w:vMerge/>')}${tc('300')}<w:tc>${nested}</w:tc></w:tr>
      <w:tr><w:trPr><w:del w:id="9" w:author="x"/></w:trPr>${tc('已删除的行')}${tc('x')}${tc('y')}</w:tr>
    </w:tbl>`;
    const d = await read({ body });
    const t = d.blocks[0];
    expect(t.type).toBe('table');
    if (t.type !== 'table') return;
    expect(t.headerRows).toBe(1);
    expect(t.columnWidths).toEqual([2000, 3000, 3000]);
    expect(t.rows.map((r) => r.cells.length)).toEqual([3, 2, 2, 2]);
    expect(t.rows[1].cells[0].rowSpan).toBe(3);
    expect(t.rows[1].cells[1].colSpan).toBe(2);
    expect(t.rows[2].cells[1].align).toBe('center');
    expect(documentText(d)).toContain('内甲\u3000内乙');
    expect(documentText(d)).not.toContain('已删除的行');
    expectGolden('docx-table', d);
  });
});

describe('DOCX images', () => {
  it('keeps PNG/JPEG with their pixel size, reports EMF, external links and oversized images by name', async () => {
    const d = await read(
      {
        body:
          para(drawing('rImg1', 1905000, 952500, '图一说明')) +
          para(drawing('rImg1')) +
          para(drawing('rJpg')) +
          para(drawing('rEmf')) +
          para(drawing('rHuge')) +
          para(
            `<w:r><w:drawing><wp:inline><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:link="rExt"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`,
          ) +
          para('正文'),
        rels: {
          rImg1: ['image', 'media/image1.png'],
          rJpg: ['image', 'media/photo.jpeg'],
          rEmf: ['image', 'media/image3.emf'],
          rHuge: ['image', 'media/huge.png'],
          rExt: ['image', 'file:///etc/passwd', true],
        },
        media: {
          'image1.png': png(40, 20),
          'photo.jpeg': jpegHeader(640, 480),
          'image3.emf': emf(),
          'huge.png': pngHeaderOnly(30000, 30000),
        },
      },
      '韩喜发言.docx',
    );
    const imgs = d.blocks.filter((b) => b.type === 'image');
    expect(imgs).toEqual([
      { type: 'image', resource: 'img1', width: 40, height: 20, alt: '图一说明' },
      { type: 'image', resource: 'img1', width: 40, height: 20 },
      { type: 'image', resource: 'img2', width: 640, height: 480 },
    ]);
    expect(Object.keys(d.images)).toEqual(['img1', 'img2']);
    expect(d.images.img1.mime).toBe('image/png');
    expect(d.images.img2.mime).toBe('image/jpeg');
    const codes = d.warnings.map((w) => w.code);
    expect(codes).toEqual(['image.unsupported-format', 'image.too-large', 'image.external']);
    expect(d.warnings[0].message).toContain('image3.emf');
    expect(d.warnings[0].message).toContain('韩喜发言.docx');
    expect(d.warnings[1].message).toContain('30000×30000');
    expect(d.warnings[2].message).toContain('file:///etc/passwd');
    // Each picture that could not come in leaves a visible marker where it was.
    expect(
      text(d)
        .split('\n')
        .filter((l) => l.startsWith('［')),
    ).toEqual([
      '［此处图片 image3.emf（EMF 格式）未能导入］',
      '［此处图片 huge.png 过大，未导入］',
      '［此处为外部链接图片，未导入］',
    ]);
    expectGolden('docx-images', d);
  });
});

describe('DOCX floating pictures and charts', () => {
  it('a floating (anchored) picture in a group is kept; a chart is reported, not silently lost', async () => {
    const anchored = `<w:r><w:drawing><wp:anchor><wp:extent cx="100" cy="100"/><wp:docPr id="2" name="g"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><wpg:wgp xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"><pic:pic><pic:blipFill><a:blip r:embed="rP"/></pic:blipFill></pic:pic></wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>`;
    const chart = `<w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rC"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`;
    const d = await read(
      {
        body: para(run('浮动图片所在段落') + anchored) + para(chart) + para('结尾'),
        rels: { rP: ['image', 'media/p.png'], rC: ['chart', 'charts/chart1.xml'] },
        media: { 'p.png': png(8, 6) },
      },
      '图表.docx',
    );
    expect(d.blocks.map((b) => b.type)).toEqual(['paragraph', 'image', 'paragraph', 'paragraph']);
    expect(d.blocks[1]).toMatchObject({ width: 8, height: 6 });
    expect(documentText({ blocks: [d.blocks[2]] })).toBe('［此处图表未能导入］');
    expect(d.warnings.map((w) => w.code)).toEqual(['image.chart']);
    expect(d.warnings[0].message).toContain('图表.docx');
  });
});

describe('DOCX notes, text boxes, fields, tracked changes, hidden text, content controls', () => {
  it('reads footnotes and endnotes, skipping separators', async () => {
    const d = await read({
      body: para(
        run('正文') +
          '<w:r><w:footnoteReference w:id="1"/></w:r>' +
          run('继续') +
          '<w:r><w:endnoteReference w:id="2"/></w:r>',
      ),
      footnotes: `<w:footnote w:type="separator" w:id="-1">${para('<w:r><w:separator/></w:r>')}</w:footnote><w:footnote w:id="0" w:type="continuationSeparator">${para('<w:r><w:continuationSeparator/></w:r>')}</w:footnote><w:footnote w:id="1">${para('<w:r><w:footnoteRef/></w:r>' + run(' 脚注内容。'))}</w:footnote><w:footnote w:id="5">${para('未被引用的脚注')}</w:footnote>`,
      endnotes: `<w:endnote w:id="2">${para('<w:r><w:endnoteRef/></w:r>' + run('尾注第一段'))}${para('尾注第二段')}</w:endnote>`,
    });
    expect(d.footnotes).toEqual([
      { id: 'fn1', kind: 'footnote', inlines: [{ type: 'text', text: '脚注内容。' }] },
      {
        id: 'en2',
        kind: 'endnote',
        inlines: [{ type: 'text', text: '尾注第一段' }, { type: 'break' }, { type: 'text', text: '尾注第二段' }],
      },
    ]);
    expect(d.blocks[0]).toEqual({
      type: 'paragraph',
      inlines: [
        { type: 'text', text: '正文' },
        { type: 'noteRef', id: 'fn1' },
        { type: 'text', text: '继续' },
        { type: 'noteRef', id: 'en2' },
      ],
    });
    expectGolden('docx-notes', d);
  });

  it('reads a text box once (one branch of mc:AlternateContent), after its anchor paragraph', async () => {
    const box = (t: string) => `<w:txbxContent>${para(t)}</w:txbxContent>`;
    const d = await read({
      body:
        para('文本框之前') +
        para(
          run('锚点段落') +
            `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><wp:extent cx="100" cy="100"/><a:graphic><a:graphicData><wps:wsp><wps:txbx>${box('文本框里的文字')}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>${box('文本框里的文字')}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`,
        ) +
        para(`<w:r><w:pict><v:shape><v:textbox>${box('只有 VML 的文本框')}</v:textbox></v:shape></w:pict></w:r>`) +
        para('文本框之后'),
    });
    expect(text(d).split('\n')).toEqual([
      '文本框之前',
      '锚点段落',
      '文本框里的文字',
      '只有 VML 的文本框',
      '文本框之后',
    ]);
    expectGolden('docx-textbox', d);
  });

  it('keeps field results, never instruction text; ruby keeps the base; hyperlinks keep their text', async () => {
    const fld = (instr: string, result: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const nested = `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>IF </w:instrText></w:r>${fld('DATE', '内层')}<w:r><w:instrText> = 1 "外"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run('外层结果')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const ruby = `<w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="distributeSpace"/></w:rubyPr><w:rt><w:r><w:t>zī</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>淄</w:t></w:r></w:rubyBase></w:ruby></w:r>`;
    const d = await read({
      body:
        para(run('日期：') + fld('DATE \\@ "yyyy年M月d日"', '2023年9月20日')) +
        para(`<w:fldSimple w:instr=" PAGE ">${run('7')}</w:fldSimple>` + run('页')) +
        para(nested) +
        para(run('齐都') + ruby + run('博')) +
        para(
          `<w:hyperlink r:id="rLink">${run('点击这里')}</w:hyperlink>` +
            fld('HYPERLINK "javascript:alert(1)"', 'WPS 超链接'),
        ) +
        para(`<w:hyperlink w:anchor="x">${run('书签链接')}</w:hyperlink>`),
      rels: { rLink: ['hyperlink', 'http://example.com/', true] },
    });
    expect(text(d).split('\n')).toEqual([
      '日期：2023年9月20日',
      '7页',
      '外层结果',
      '齐都淄博',
      '点击这里WPS 超链接',
      '书签链接',
    ]);
    expect(JSON.stringify(d)).not.toMatch(/DATE|HYPERLINK|javascript|zī|instr/);
    expectGolden('docx-fields', d);
  });

  it('drops the result of a TOC field spanning paragraphs (the dossier has its own contents), with a note', async () => {
    const d = await read({
      body:
        para('目录之前的正文。') +
        para(
          `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run('一、基本情况\t1')}`,
        ) +
        para(run('二、存在问题\t3') + '<w:r><w:fldChar w:fldCharType="end"/></w:r>') +
        para(`<w:fldSimple w:instr=" TOC \\o ">${run('简单目录域 5')}</w:fldSimple>`) +
        para('目录之后的正文。'),
    });
    expect(text(d)).toBe('目录之前的正文。\n目录之后的正文。');
    expect(d.warnings.map((w) => w.code)).toEqual(['import.toc-dropped']);
  });

  it('accepts tracked changes: insertions and moves kept, deletions and move sources dropped, deleted paragraph marks join', async () => {
    const d = await read({
      body:
        para(
          run('保留') +
            `<w:ins w:id="1" w:author="a">${run('插入的文字')}</w:ins>` +
            `<w:del w:id="2" w:author="a"><w:r><w:delText>删除的文字</w:delText></w:r></w:del>` +
            run('结尾'),
        ) +
        `<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr>${run('段落标记被删除，')}</w:p>` +
        para('与下一段合并。') +
        `<w:moveFrom w:id="4" w:author="a"><w:p>${run('原位置的移动文字')}</w:p></w:moveFrom>` +
        para(
          `<w:moveFrom w:id="5" w:author="a">${run('行内移出')}</w:moveFrom>` +
            run('固定文字') +
            `<w:moveTo w:id="6" w:author="a">${run('行内移入')}</w:moveTo>`,
        ) +
        `<w:moveTo w:id="7" w:author="a"><w:p>${run('新位置的移动文字')}</w:p></w:moveTo>`,
    });
    expect(text(d).split('\n')).toEqual([
      '保留插入的文字结尾',
      '段落标记被删除，与下一段合并。',
      '固定文字行内移入',
      '新位置的移动文字',
    ]);
    expectGolden('docx-tracked', d);
  });

  it('skips hidden text and comments; unwraps block, inline and row content controls', async () => {
    const d = await read({
      styles: STYLES,
      body:
        para(
          run('可见') +
            run('隐藏的', '<w:vanish/>') +
            `<w:r><w:rPr><w:rStyle w:val="hid"/></w:rPr><w:t>样式隐藏</w:t></w:r>` +
            run('文字'),
        ) +
        para(
          `<w:commentRangeStart w:id="0"/>${run('有批注的文字')}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`,
        ) +
        `<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent><w:sdt><w:sdtContent>${para('嵌套内容控件里的段落')}</w:sdtContent></w:sdt></w:sdtContent></w:sdt>` +
        para(run('行内') + `<w:sdt><w:sdtPr/><w:sdtContent>${run('控件')}</w:sdtContent></w:sdt>` + run('文字')) +
        `<w:tbl><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:sdt><w:sdtContent><w:tr><w:tc>${para('控件中的行')}</w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>`,
      comments: `<w:comment w:id="0" w:author="审稿人">${para('批注内容不应出现')}</w:comment>`,
    });
    expect(text(d).split('\n')).toEqual([
      '可见文字',
      '有批注的文字',
      '嵌套内容控件里的段落',
      '行内控件文字',
      '控件中的行',
    ]);
    expectGolden('docx-hidden-sdt', d);
  });

  it('page breaks become pageBreak blocks; tabs and breaks survive', async () => {
    const d = await read({
      body:
        para(run('第一页') + '<w:r><w:br w:type="page"/></w:r>') +
        para(run('甲') + '<w:r><w:tab/></w:r>' + run('乙') + '<w:r><w:br/></w:r>' + run('丙')),
    });
    expect(d.blocks.map((b) => b.type)).toEqual(['paragraph', 'pageBreak', 'paragraph']);
    expect(d.blocks[2]).toEqual({
      type: 'paragraph',
      inlines: [{ type: 'text', text: '甲 乙' }, { type: 'break' }, { type: 'text', text: '丙' }],
    });
  });
});

describe('DOCX packaging variants', () => {
  it('reads Strict OOXML namespaces with non-standard prefixes', async () => {
    const d = await read({ strict: true, body: para(run('严格格式', '<w:b/>')) + para('第二段') });
    expect(text(d)).toBe('严格格式\n第二段');
    expect(d.blocks[0]).toEqual({ type: 'paragraph', inlines: [{ type: 'text', text: '严格格式', bold: true }] });
    expectGolden('docx-strict', d);
  });

  it('finds a main part at a non-default path through _rels/.rels', async () => {
    const d = await read({
      mainPath: 'content/main-body.xml',
      body: para('非默认位置的正文'),
      numbering: NUMBERING.replace(/<w:num w:numId="[2-8]".*?<\/w:num>/gs, ''),
    });
    expect(text(d)).toBe('非默认位置的正文');
  });

  it('an embedded altChunk document is reported, not silently dropped', async () => {
    const d = await read(
      { body: para('前文') + '<w:altChunk r:id="rChunk"/>' + para('后文'), rels: { rChunk: ['aFChunk', 'chunk.mht'] } },
      '嵌入.docx',
    );
    expect(text(d)).toBe('前文\n后文');
    expect(d.warnings.map((w) => w.code)).toEqual(['import.altchunk']);
  });

  it('reads a document with no styles part at all', async () => {
    const d = await read({ body: para('无样式') });
    expect(text(d)).toBe('无样式');
  });

  it('superscript, subscript, italic and underline survive as inline marks', async () => {
    const d = await read({
      body: para(
        run('面积 100 m') +
          run('2', '<w:vertAlign w:val="superscript"/>') +
          run('，CO') +
          run('2', '<w:vertAlign w:val="subscript"/>') +
          run('斜', '<w:i/>') +
          run('线', '<w:u w:val="single"/>'),
      ),
    });
    expect(d.blocks[0]).toEqual({
      type: 'paragraph',
      inlines: [
        { type: 'text', text: '面积 100 m' },
        { type: 'text', text: '2', vertAlign: 'super' },
        { type: 'text', text: '，CO' },
        { type: 'text', text: '2', vertAlign: 'sub' },
        { type: 'text', text: '斜', italic: true },
        { type: 'text', text: '线', underline: true },
      ],
    });
  });
});
