// The DOCX read back: styles with East-Asian fonts, page set-up and grid, sections, footers, the
// 目录's page numbers, all the text, tables, pictures, notes, metadata — on the real bytes.
import { beforeAll, describe, expect, it } from 'vitest';
import { documentText, inlineText } from '../../core/model/document';
import type { Dossier } from '../../core/model/dossier';
import { renderDocx } from '../../core/render/docx/index';
import { docxMetrics } from '../../core/render/docx/metrics';
import { balancedTitleLines } from '../../core/render/docx/title-lines';
import { tocTitleLines } from '../../core/render/docx/toc';
import { wordFontName } from '../../core/render/docx/word-fonts';
import { defaultLayoutSettings } from '../../core/model/settings';
import { pureTextDossier, richDossier, tocFor } from './fixtures';
import { assertWellFormed, paragraphTexts, readDocx, sectionProps, styleXml, type DocxParts } from './read-docx';

const RICH_PAGES = [17, 23, 101];
let rich: Dossier;
let docx: DocxParts;
let doc: string;
let styles: string;
let progress: [number, number][] = [];

beforeAll(async () => {
  rich = richDossier();
  progress = [];
  const bytes = await renderDocx(rich, tocFor(rich, RICH_PAGES), { onProgress: (d, t) => progress.push([d, t]) });
  expect(bytes).toBeInstanceOf(Uint8Array);
  docx = readDocx(bytes);
  doc = docx.xml('word/document.xml');
  styles = docx.xml('word/styles.xml');
});

describe('package', () => {
  it('has well-formed XML in every part', () => {
    for (const name of Object.keys(docx.files)) if (/\.(xml|rels)$/.test(name)) assertWellFormed(docx.xml(name), name);
    expect(Object.keys(docx.files)[0]).toBe('[Content_Types].xml');
  });

  it('reports progress per item and once at the end', () => {
    expect(progress.map((p) => p[0])).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => p[1] === 4)).toBe(true);
  });

  it('writes the metadata', () => {
    const core = docx.xml('docProps/core.xml');
    expect(core).toContain('<dc:title>齐文化传承与创新 会议材料汇编</dc:title>');
    expect(core).toContain('<dc:creator>政协某某市委员会办公室</dc:creator>');
    expect(core).toContain('<dc:subject>齐文化传承与创新</dc:subject>');
  });
});

describe('styles', () => {
  const font = (id: string) => styleXml(styles, id)?.match(/w:eastAsia="([^"]+)"/)?.[1];
  const size = (id: string) => Number(styleXml(styles, id)?.match(/<w:sz w:val="(\d+)"/)?.[1]);

  it('names the East-Asian fonts secretariat PCs have, per role', () => {
    expect(font('HuibianBody')).toBe('仿宋');
    expect(font('Title')).toBe('方正小标宋简体');
    expect(font('HuibianAuthor')).toBe('楷体');
    expect(font('Heading1')).toBe('黑体');
    expect(font('Heading2')).toBe('楷体');
    expect(font('Heading3')).toBe('仿宋');
    expect(font('Heading4')).toBe('仿宋');
    expect(font('Footer')).toBe('宋体');
    expect(styleXml(styles, 'Footer')).toContain('w:ascii="宋体"');
    expect(font('TOC1')).toBe('黑体');
    expect(font('TOC2')).toBe('仿宋');
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*w:eastAsia="仿宋"/);
  });

  it('uses GB/T 9704 sizes: 3号 body, 2号 title, 4号 page numbers', () => {
    expect(size('HuibianBody')).toBe(32);
    expect(size('Heading1')).toBe(32);
    expect(size('Title')).toBe(44);
    expect(size('Footer')).toBe(28);
    expect(styleXml(styles, 'Title')).toContain('<w:jc w:val="center"/>');
  });

  it('gives visible Chinese names to the house styles and keeps built-in heading ids', () => {
    expect(styleXml(styles, 'HuibianBody')).toContain('<w:name w:val="汇编正文"/>');
    expect(styleXml(styles, 'HuibianAuthor')).toContain('<w:name w:val="汇编作者"/>');
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'Heading4'])
      expect(styleXml(styles, id)).toContain('<w:keepNext/>');
  });

  it('indents body paragraphs two characters in both units, justified, on exact grid lines', () => {
    const body = styleXml(styles, 'HuibianBody')!;
    expect(body).toMatch(/<w:ind w:firstLine="632" w:firstLineChars="200"\/>/);
    expect(body).toContain('<w:jc w:val="both"/>');
    expect(body).toContain('w:line="579" w:lineRule="exact"');
    expect(body).toContain(
      '<w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing ',
    );
    // −0.25 pt tracking: 28 × 15.75 pt = 441 pt fits the 442.2 pt block.
    expect(body).toContain('<w:spacing w:val="-5"/>');
  });

  it('keeps off-grid paragraphs from snapping, turns widow control on (as the PDF make-up) and Chinese–Latin autospace off', () => {
    for (const id of ['HuibianTableText', 'HuibianFigure', 'HuibianCoverBook'])
      expect(styleXml(styles, id)).toContain('<w:autoSpaceDN w:val="0"/><w:snapToGrid w:val="0"/><w:spacing ');
    expect(styleXml(styles, 'HuibianBody')).not.toContain('snapToGrid');
    expect(styles).toContain(
      '<w:pPrDefault><w:pPr><w:widowControl/><w:overflowPunct w:val="0"/><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/><w:spacing ',
    );
  });

  it('lists the fonts in fontTable with the GB charset and alternates', () => {
    const ft = docx.xml('word/fontTable.xml');
    expect(ft).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/><w:charset w:val="86"/>');
    expect(ft).toContain('<w:font w:name="仿宋"><w:altName w:val="FangSong"/>');
  });
});

describe('page set-up and sections', () => {
  it('writes one section per item plus cover, 说明 and 目录', () => {
    const secs = sectionProps(doc);
    expect(secs.length).toBe(3 + 3);
    for (const s of secs) {
      expect(s).toContain('<w:pgSz w:w="11906" w:h="16838"');
      expect(s).toMatch(/<w:pgMar w:top="2098" w:right="1475" w:bottom="1984" w:left="1587"/);
      expect(s).toContain('<w:docGrid w:type="lines" w:linePitch="579"/>');
      expect(s).not.toMatch(/charSpace="-/);
    }
  });

  it('numbers the body from 1 with odd/even footers, front matter unnumbered', () => {
    const secs = sectionProps(doc);
    expect(secs[0]).toContain('w:type="default"');
    expect(secs[3]).toContain('<w:pgNumType w:start="1"/>');
    expect(secs.filter((s) => s.includes('w:start=')).length).toBe(1);
    const rels = docx.xml('word/_rels/document.xml.rels');
    const target = (s: string, type: string) => {
      const id = s.match(new RegExp(`<w:footerReference w:type="${type}" r:id="([^"]+)"`))![1];
      return (
        rels.match(new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`))?.[1] ??
        rels.match(new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`))![1]
      );
    };
    const odd = docx.xml(`word/${target(secs[3], 'default')}`);
    const even = docx.xml(`word/${target(secs[3], 'even')}`);
    for (const f of [odd, even]) {
      expect(f).toContain('<w:instrText xml:space="preserve">PAGE</w:instrText>');
      expect(paragraphTexts(f).join('')).toBe('—  —');
    }
    expect(odd).toContain('<w:jc w:val="right"/>');
    expect(odd).toContain('<w:ind w:right="280"/>');
    expect(even).toContain('<w:jc w:val="left"/>');
    expect(even).toContain('<w:ind w:left="280"/>');
    const cover = docx.xml(`word/${target(secs[0], 'default')}`);
    expect(cover).not.toContain('PAGE');
    // Later items inherit the body footers (no references of their own).
    expect(secs[4]).not.toContain('footerReference');
    expect(docx.xml('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
  });

  it('starts items on odd pages and mirrors margins when the settings ask', async () => {
    const d = richDossier();
    d.session.layout.itemStart = 'oddPage';
    d.session.layout.binding = 'duplex';
    const x = readDocx(await renderDocx(d, tocFor(d, [1, 3, 5])));
    const secs = sectionProps(x.xml('word/document.xml'));
    expect(secs.slice(3).every((s) => s.includes('<w:type w:val="oddPage"/>'))).toBe(true);
    expect(secs.slice(0, 3).every((s) => !s.includes('oddPage'))).toBe(true);
    const settings = x.xml('word/settings.xml');
    expect(settings).toMatch(/<w:mirrorMargins\/><w:defaultTabStop/);
    assertWellFormed(settings, 'settings.xml');
    // Default: next page, no mirroring.
    expect(
      sectionProps(doc)
        .slice(3)
        .every((s) => s.includes('<w:type w:val="nextPage"/>')),
    ).toBe(true);
    expect(docx.xml('word/settings.xml')).not.toContain('mirrorMargins');
    expect(docx.xml('word/settings.xml')).toMatch(/<w:characterSpacingControl w:val="doNotCompress"\/><w:compat>/);
  });
});

describe('content', () => {
  let texts: string[];
  beforeAll(() => {
    texts = paragraphTexts(doc);
  });

  it('prints the cover', () => {
    const all = texts.join('\n');
    expect(all).toContain('内部资料　注意保存');
    expect(all).toContain('政协某某市第十三届委员会常务委员会第九次会议'.slice(0, 10));
    expect(all.replace(/\n/g, '')).toContain('政协某某市第十三届委员会常务委员会第九次会议');
    expect(all).toContain('齐文化传承与创新');
    expect(all).toContain('会议材料汇编');
    expect(all).toContain('政协某某市委员会办公室　编印');
    expect(all).toContain('二〇二三年九月');
    expect(texts).toContain('说　明');
  });

  it('writes the 目录 as text with the layout page numbers and dot leaders, grouped by section', () => {
    const i = texts.indexOf('目　录');
    expect(i).toBeGreaterThan(0);
    expect(texts).toContain('一、大会发言');
    expect(texts).toContain('二、调研报告');
    const entries = texts.filter((t) => /\t\d+$/.test(t));
    expect(entries.map((t) => Number(t.split('\t').pop()))).toEqual(RICH_PAGES);
    expect(entries[0].replace(/\n/g, '')).toContain(
      '深入挖掘齐文化时代价值推动优秀传统文化创造性转化创新性发展的几点建议\t欧阳明喆\t17',
    );
    expect(entries[2]).toBe('文旅融合\t张堃（代表民建某某市委会）\t101');
    expect(doc).not.toMatch(/<w:instrText[^>]*>\s*TOC/);
    expect(doc).toMatch(/<w:tab w:val="right" w:pos="8844" w:leader="dot"\/>/);
    expect(doc).toMatch(/<w:tab w:val="right" w:pos="7738" w:leader="dot"\/>/);
    expect(/<w:hyperlink[^>]* w:anchor="_hb_item_1"/.test(doc)).toBe(true);
    expect(/<w:bookmarkStart w:name="_hb_item_1" w:id="\d+"\/>/.test(doc)).toBe(true);
  });

  it('contains every text of every item, in order', () => {
    const flat = texts.join('\n').replace(/\s+/g, '');
    let at = flat.indexOf('目录');
    for (const sec of rich.sections) {
      for (const it of sec.items) {
        for (const piece of [it.submission.title, it.submission.authorLine, ...documentText(it.doc).split('\n')]) {
          const want = piece.replace(/\s+/g, '');
          if (!want) continue;
          const k = flat.indexOf(want, at);
          expect(k, `missing or out of order: ${want}`).toBeGreaterThanOrEqual(0);
          at = k;
        }
        const notes =
          flat + (docx.files['word/footnotes.xml'] ? paragraphTexts(docx.xml('word/footnotes.xml')).join('') : '');
        for (const n of it.doc.footnotes) expect(notes).toContain(inlineText(n.inlines).replace(/\s+/g, ''));
      }
    }
  });

  it('uses the built-in heading and title styles, balanced title lines', () => {
    for (const [lvl, text] of [
      [1, '一、基本情况'],
      [2, '（一）保护利用'],
      [3, '1.加强研究'],
      [4, '（1）深化阐释'],
    ] as const) {
      expect(doc).toMatch(
        new RegExp(
          `<w:pStyle w:val="Heading${lvl}"/></w:pPr><w:r><w:t xml:space="preserve">${text.replace(/[.()]/g, '\\$&')}</w:t>`,
        ),
      );
    }
    const title = texts.find((t) => t.startsWith('深入挖掘齐文化时代价值') && t.includes('\n') && !t.includes('\t'))!;
    const lines = title.split('\n');
    expect(lines.length).toBe(2);
    expect(Math.abs(lines[0].length - lines[1].length)).toBeLessThanOrEqual(1);
  });

  it('keeps bold, super- and subscripts, and page breaks', () => {
    expect(doc).toMatch(/<w:r><w:rPr><w:b\/><w:bCs\/><\/w:rPr><w:t xml:space="preserve">源远流长<\/w:t>/);
    expect(doc).toMatch(/<w:vertAlign w:val="subscript"\/><\/w:rPr><w:t xml:space="preserve">2<\/w:t>/);
    expect(doc).toMatch(/<w:vertAlign w:val="superscript"\/><\/w:rPr><w:t xml:space="preserve">2<\/w:t>/);
    expect(doc).toMatch(/<w:pageBreakBefore\/>[\s\S]{0,200}分页之后的段落/);
    expect(doc).toMatch(
      /<w:jc w:val="right"\/>(?:<w:sectPr>(?:(?!<\/w:sectPr>)[\s\S])*<\/w:sectPr>)?<\/w:pPr><w:r><w:t xml:space="preserve">二〇二三年九月/,
    );
  });

  it('prints list labels as text with a hanging indent', () => {
    expect(texts).toContain('1.\t建立齐文化研究院。');
    const m = doc.match(/<w:ind w:left="(\d+)" w:hanging="(\d+)"\/>[\s\S]{0,400}?建立齐文化研究院/);
    expect(m).toBeTruthy();
    // Two cells in (level 0), then the one-cell label "1." hanging.
    expect(Number(m![1])).toBe(632 + 316);
    expect(Number(m![2])).toBe(316);
  });

  it('makes footnotes Word footnotes numbered ① per item, and prints endnotes at the end of the item, as the PDF does', () => {
    // the footnote of item 1: a reference in the text, the note in footnotes.xml
    expect(doc).toMatch(
      /博大精深。<\/w:t><\/w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"\/><\/w:rPr><w:footnoteReference w:id="\d+"\/>/,
    );
    const foot = paragraphTexts(docx.xml('word/footnotes.xml'));
    expect(foot.some((t) => t.includes('见《齐文化概论》第3页。'))).toBe(true);
    expect(texts.some((t) => t.includes('见《齐文化概论》'))).toBe(false);
    expect(docx.xml('word/footnotes.xml')).toContain('<w:pStyle w:val="FootnoteText"/>');
    expect(styleXml(styles, 'FootnoteText')).toMatch(/<w:spacing [^>]*w:lineRule="exact"/);
    // numbered ①②, restarting in each item's section
    expect(doc).toContain(
      '<w:footnotePr><w:numFmt w:val="decimalEnclosedCircle"/><w:numRestart w:val="eachSect"/></w:footnotePr>',
    );
    // an endnote stays at the end of its item, marked ① in the text
    expect(doc).toMatch(/<w:vertAlign w:val="superscript"\/><\/w:rPr><w:t xml:space="preserve">①<\/w:t>/);
    expect(texts).toContain('①\t数据来源：市文旅局。');
  });

  it('prints every note at the end of its item when the settings ask for it', async () => {
    const d = richDossier();
    d.session.layout.footnotePlacement = 'end';
    const parts = readDocx(await renderDocx(d, tocFor(d, RICH_PAGES)));
    const t = paragraphTexts(parts.xml('word/document.xml'));
    expect(t).toContain('①\t见《齐文化概论》第3页。');
    expect(parts.files['word/footnotes.xml'] ? parts.xml('word/footnotes.xml') : '').not.toContain('齐文化概论');
  });

  it('writes tables with merged cells, repeated header rows and the block width', () => {
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('<w:gridSpan w:val="3"/>');
    expect(doc).toContain('<w:vMerge w:val="restart"/>');
    expect(doc).toMatch(/<w:vMerge(?: w:val="continue")?\/>/);
    const grid = [...doc.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(grid.length).toBe(3);
    expect(grid.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8844);
    expect(grid.reduce((a, b) => a + b, 0)).toBeGreaterThan(8840);
    expect(grid[0]).toBeGreaterThan(grid[1] * 1.9);
    expect(texts).toContain('表1　遗址保护情况');
    expect(texts).toContain('合计七十八处');
  });

  it('embeds pictures no wider than the block, and marks a missing one', () => {
    expect(Object.keys(docx.files).filter((n) => n.startsWith('word/media/')).length).toBe(1);
    const ext = doc.match(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/)!;
    const cx = Number(ext[1]);
    const cy = Number(ext[2]);
    // 800 × 600 px at 96 dpi = 211.7 mm wide: scaled to the 156 mm block (EMU: 36000 per mm).
    expect(cx / 36000).toBeCloseTo(156, 0);
    expect(cx / cy).toBeCloseTo(800 / 600, 2);
    expect(texts).toContain('［图片缺失：缺失的图］');
    expect(texts).toContain('图1　遗址分布');
  });
});

describe('helpers', () => {
  it('derives the grid from the settings', () => {
    const m = docxMetrics(defaultLayoutSettings());
    expect(m.linePitch).toBe(579);
    expect(m.linePitch * 22).toBeLessThanOrEqual(m.blockHeight);
    expect(m.gridTracking).toBe(-5);
    expect(28 * (16 + m.gridTracking / 20)).toBeLessThanOrEqual(m.blockWidth / 20);
    const m29 = docxMetrics({ ...defaultLayoutSettings(), linePitchPt: 29 });
    expect(m29.linePitch).toBe(580);
  });

  it('balances long titles without splitting Latin words and keeps 禁则', () => {
    expect(balancedTitleLines('短标题', 20)).toEqual(['短标题']);
    const lines = balancedTitleLines('关于推进齐文化与ChatGPT等人工智能技术深度融合发展的建议', 20);
    expect(lines.join('')).toBe('关于推进齐文化与ChatGPT等人工智能技术深度融合发展的建议');
    expect(lines.some((l) => /Chat$|^GPT/.test(l))).toBe(false);
    const p = balancedTitleLines('关于加快建设“齐文化传承创新示范区”，推动文旅深度融合发展的建议', 20);
    expect(p.every((l) => !/^[，。、）”]/.test(l) && !/[（“]$/.test(l))).toBe(true);
  });

  it('wraps 目录 titles like the PDF and gives the author its own line when needed', () => {
    expect(tocTitleLines('文旅融合', 28, 4)).toEqual(['文旅融合']);
    const long = tocTitleLines('深入挖掘齐文化时代价值推动优秀传统文化创造性转化创新性发展的几点建议', 28, 4);
    expect(long[0].length).toBe(22);
    expect(long.join('')).toBe('深入挖掘齐文化时代价值推动优秀传统文化创造性转化创新性发展的几点建议');
    expect(tocTitleLines('关于加强齐文化遗址保护利用的调研报告', 28, 12).at(-1)).toBe('');
  });

  it('writes a user-picked installed font by its family name, never a path', () => {
    expect(
      wordFontName('fang', {
        file: 'C:\\Windows\\Fonts\\FS_GB2312.ttf',
        label: '仿宋_GB2312 (C:\\Windows\\Fonts\\FS_GB2312.ttf)',
      }),
    ).toBe('仿宋_GB2312');
    expect(wordFontName('fang', { file: '/x/a.ttf' })).toBe('仿宋');
    expect(wordFontName('xbs', { builtin: 'NotoSerifSC-Bold' })).toBe('方正小标宋简体');
  });

  it('renders a pure-text dossier with every paragraph', async () => {
    const { dossier } = pureTextDossier({ items: 4, paragraphs: [[100, 60]] });
    const x = readDocx(await renderDocx(dossier, tocFor(dossier, [1, 2, 3, 4])));
    const t = paragraphTexts(x.xml('word/document.xml'));
    for (const s of dossier.sections)
      for (const it of s.items)
        for (const b of it.doc.blocks) if (b.type === 'paragraph') expect(t).toContain(inlineText(b.inlines));
  });
});

describe('目录 line breaks', () => {
  it('never starts a wrapped 目录 line with a closing mark', () => {
    const lines = tocTitleLines('深化管仲改革思想研究阐释 推动齐文化创造性转化、创新性发展', 28, 3);
    expect(lines.join('')).toBe('深化管仲改革思想研究阐释 推动齐文化创造性转化、创新性发展');
    expect(lines[1].startsWith('化、')).toBe(true);
    expect(lines.every((l) => !/^[，。、；：？！）》”]/.test(l))).toBe(true);
  });
});

describe('odd inputs', () => {
  it('keeps PDF submissions as one marked page per submitted page', async () => {
    const d = richDossier();
    const it3 = d.sections[1].items[1];
    it3.doc = { ...it3.doc, blocks: [], pdf: { pageCount: 3, data: '' } };
    const x = readDocx(await renderDocx(d, tocFor(d, [1, 3, 5])));
    const t = paragraphTexts(x.xml('word/document.xml')).filter((p) => p.includes('PDF 原件'));
    expect(t).toEqual([1, 2, 3].map((k) => `［文旅融合：PDF 原件第 ${k} 页，共 3 页，请见 PDF 版汇编］`));
    expect((x.xml('word/document.xml').match(/<w:pageBreakBefore\/>/g) ?? []).length).toBe(1 + 2);
  });

  it('writes a well-formed file from text with control characters, and a dossier without items', async () => {
    const d = richDossier();
    d.sections[0].items[0].doc.blocks.push({
      type: 'paragraph',
      inlines: [{ type: 'text', text: 'A\u0001B\u000bC\uFFFF&<>"' }],
    });
    const x = readDocx(await renderDocx(d, tocFor(d, [1, 3, 5])));
    assertWellFormed(x.xml('word/document.xml'), 'document.xml');
    expect(paragraphTexts(x.xml('word/document.xml'))).toContain('ABC&<>"');

    const empty = richDossier();
    for (const s of empty.sections) s.items = [];
    const e = readDocx(await renderDocx(empty, []));
    const secs = sectionProps(e.xml('word/document.xml'));
    expect(secs.length).toBe(2); // cover and 说明; no 目录 without entries
    expect(paragraphTexts(e.xml('word/document.xml'))).not.toContain('目　录');
  });
});

describe('watermark', () => {
  it('puts the session watermark into the body headers as a Word watermark, none by default', async () => {
    expect(Object.keys(docx.files).some((n) => /^word\/header\d+\.xml$/.test(n))).toBe(false);
    const d = richDossier();
    d.session.marks.watermark = '送审稿';
    const x = readDocx(await renderDocx(d, tocFor(d, [1, 3, 5])));
    const headers = Object.keys(x.files).filter((n) => /^word\/header\d+\.xml$/.test(n));
    expect(headers.length).toBe(2);
    for (const h of headers) {
      const xml = x.xml(h);
      assertWellFormed(xml, h);
      expect(xml).toContain('string="送审稿"');
      expect(xml).toContain('PowerPlusWaterMarkObject');
    }
    const secs = sectionProps(x.xml('word/document.xml'));
    expect(secs.slice(0, 3).some((s) => s.includes('headerReference'))).toBe(false);
    expect(secs[3]).toContain('<w:headerReference w:type="default"');
    expect(secs[3]).toContain('<w:headerReference w:type="even"');
  });
});
