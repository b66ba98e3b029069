// DOCX reader features on hand-written WordprocessingML (structure: headings, lists, tables, images,
// floating pictures and charts): each fixture is checked against its golden SourceDoc JSON and,
// independently, by explicit assertions on what must (not) be in the text.
import { describe, expect, it } from 'vitest';
import { documentText, type Block } from '../../core/model/document';
import { drawing, emf, font, jpegHeader, para, png, pngHeaderOnly, run } from '../../scripts/make-fixtures';
import { expectGolden } from './golden';
import { read, text, headings, STYLES, NUMBERING, li } from './docx-kit';

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

describe('DOCX lists', () => {
  it('resolves numbering definitions to printed labels, multi-level, restarts and bullets', async () => {
    // [numId, level, text, the label it prints as]; the plain paragraph stands before row 6.
    const rows: [number, number, string, string][] = [
      [1, 0, '第一项', '1.'],
      [1, 1, '子项甲', 'a)'],
      [1, 1, '子项乙', 'b)'],
      [1, 2, '三级', '1.b.1'],
      [1, 0, '第二项', '2.'],
      [1, 1, '子项重新从 a 开始', 'a)'],
      [1, 0, '同一列表继续编号', '3.'],
      [7, 0, '新列表从 1 重新开始', '1.'],
      [4, 0, '项目符号', '•'],
      [4, 0, '项目符号二', '•'],
      [5, 0, '甲项', '甲.'],
      [5, 0, '乙项', '乙.'],
      [6, 0, '起始为九', '第九条'],
      [6, 0, '第十条', '第十条'],
      [6, 0, '第十一条', '第十一条'],
      [8, 0, '带圈数字', '①'],
      [8, 0, '带圈数字二', '②'],
    ];
    const d = await read({
      numbering: NUMBERING,
      body: rows.map(([num, level, t], i) => (i === 6 ? para('中间的正文。') : '') + li(num, level, t)).join(''),
    });
    const lists = d.blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
    const labels = lists.flatMap((l) => l.items.map((i) => `${i.level}:${i.label}`));
    expect(labels).toEqual(rows.map(([, level, , label]) => `${level}:${label}`));
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
