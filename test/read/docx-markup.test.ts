// DOCX reader features on hand-written WordprocessingML (markup inside the text: notes, text boxes,
// fields, tracked changes, hidden text, content controls, breaks, inline marks; packaging variants):
// each fixture is checked against its golden SourceDoc JSON and by explicit assertions on the text.
import { describe, expect, it } from 'vitest';
import { para, run } from '../../scripts/make-fixtures';
import { expectGolden } from './golden';
import { read, text, STYLES, NUMBERING } from './docx-kit';

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
