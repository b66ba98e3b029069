// The clerk's body edits (Submission.bodyEdits) applied to an imported document: which blocks are
// printed, in which order, and that buildDossier hands exactly those to the writers (checked on a
// real DOCX written from the dossier).
import { describe, expect, it } from 'vitest';
import type { Block, SourceDoc } from '../../core/model/document';
import { buildDossier } from '../../core/model/dossier';
import { applyBodyEdits, noBodyEdits, omittedParts, printedBlocks, printedParts } from '../../core/model/printed-body';
import { testSession } from '../helpers/session';
import { renderDocx } from '../../core/render/docx/index';
import { readDocx } from '../render-docx/read-docx';

const p = (text: string): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text }] });
const texts = (bs: Block[]) =>
  bs.map((b) => (b.type === 'paragraph' ? b.inlines.map((i) => (i.type === 'text' ? i.text : '')).join('') : b.type));

function doc(): SourceDoc {
  return {
    title: '关于推进齐文化传承创新的建议',
    authorLine: '市政协委员 丁建国',
    blocks: [p('主席、各位副主席：'), p('第一段正文。'), p('第二段正文。'), p('谢谢大家！')],
    footnotes: [],
    images: {},
    warnings: [],
    frontMatter: [
      {
        role: 'label',
        text: '大会发言之三',
        at: 'head',
        confidence: 0.9,
        block: {
          type: 'paragraph',
          inlines: [{ type: 'text', text: '大会发言之三', bold: true }],
          align: 'left',
          indent: false,
        },
      },
      { role: 'title', text: '关于推进齐文化传承创新的建议', at: 'head', confidence: 0.95 },
      {
        role: 'byline',
        text: '市政协委员 丁建国',
        at: 'head',
        confidence: 0.6,
        block: { type: 'paragraph', inlines: [{ type: 'text', text: '市政协委员 丁建国' }], align: 'center' },
      },
      {
        role: 'signature',
        text: '2023年9月12日',
        at: 'tail',
        confidence: 0.8,
        block: { type: 'paragraph', inlines: [{ type: 'text', text: '2023年9月12日' }], align: 'right' },
      },
    ],
  };
}

describe('printed body', () => {
  it('prints the body as read when there are no edits, and keeps the same document object', () => {
    const d = doc();
    expect(noBodyEdits(undefined)).toBe(true);
    expect(noBodyEdits({ restore: [], omitHead: 0, omitTail: 0 })).toBe(true);
    expect(texts(printedBlocks(d, undefined))).toEqual([
      '主席、各位副主席：',
      '第一段正文。',
      '第二段正文。',
      '谢谢大家！',
    ]);
    expect(applyBodyEdits(d, undefined)).toBe(d);
    expect(applyBodyEdits(d, { restore: [], omitHead: 0, omitTail: 0 })).toBe(d);
  });

  it('puts restored head lines before the body and tail lines after it, in document order, unchanged', () => {
    const d = doc();
    const parts = printedParts(d, { restore: [3, 2, 0, 2], omitHead: 0, omitTail: 0 });
    expect(texts(parts.map((x) => x.block))).toEqual([
      '大会发言之三',
      '市政协委员 丁建国',
      '主席、各位副主席：',
      '第一段正文。',
      '第二段正文。',
      '谢谢大家！',
      '2023年9月12日',
    ]);
    expect(parts[0].origin).toEqual({ kind: 'front', index: 0 });
    expect(parts[2].origin).toEqual({ kind: 'body', index: 0 });
    expect(parts[6].origin).toEqual({ kind: 'front', index: 3 });
    // The block as read (bold, alignment) comes back, not a re-typed paragraph.
    expect(parts[0].block).toEqual(d.frontMatter![0].block);
    // A line read without its block still comes back as its text.
    expect(texts(printedBlocks(d, { restore: [1], omitHead: 0, omitTail: 0 }))[0]).toBe('关于推进齐文化传承创新的建议');
  });

  it('leaves leading and trailing body blocks out of print and lists them', () => {
    const d = doc();
    const e = { restore: [], omitHead: 1, omitTail: 1 };
    expect(texts(printedBlocks(d, e))).toEqual(['第一段正文。', '第二段正文。']);
    expect(omittedParts(d, e).map((o) => [o.index, o.at])).toEqual([
      [0, 'head'],
      [3, 'tail'],
    ]);
    // Omissions never overlap or run past the body; bad restore indices are ignored.
    expect(printedBlocks(d, { restore: [9, -1], omitHead: 3, omitTail: 5 })).toEqual([]);
    expect(omittedParts(d, { restore: [], omitHead: 3, omitTail: 5 })).toHaveLength(4);
  });

  it('never reflows a PDF submission', () => {
    const d = { ...doc(), pdf: { pageCount: 2, data: 'AAAA' } };
    expect(applyBodyEdits(d, { restore: [0], omitHead: 1, omitTail: 0 })).toBe(d);
  });

  it('buildDossier gives the writers exactly the printed body (checked in the written DOCX)', async () => {
    const session = testSession({
      sections: [{ id: 'sec', title: '大会发言', items: ['a', 'b'] }],
      submissions: [
        {
          id: 'a',
          title: '关于推进齐文化传承创新的建议',
          authorLine: '市政协委员 丁建国',
          source: { file: 'a.docx', format: 'docx' },
          bodyEdits: { restore: [0], omitHead: 1, omitTail: 0 },
        },
        { id: 'b', title: '第二篇', authorLine: '市政协委员 孙喆', source: { file: 'b.docx', format: 'docx' } },
      ],
    });
    const a = doc();
    const b: SourceDoc = { ...doc(), blocks: [p('主席、各位副主席：'), p('另一篇正文。')] };
    const { dossier, missing } = buildDossier(
      session,
      new Map([
        ['a', a],
        ['b', b],
      ]),
    );
    expect(missing).toEqual([]);
    const [ia, ib] = dossier.sections[0].items;
    expect(texts(ia.doc.blocks)).toEqual(['大会发言之三', '第一段正文。', '第二段正文。', '谢谢大家！']);
    expect(ib.doc).toBe(b);
    // The document as read is never changed.
    expect(a.blocks).toHaveLength(4);
    const xml = readDocx(
      await renderDocx(dossier, [
        { sectionIndex: 0, submissionId: 'a', title: '关于推进齐文化传承创新的建议', author: '丁建国', page: 1 },
        { sectionIndex: 0, submissionId: 'b', title: '第二篇', author: '孙喆', page: 2 },
      ]),
    ).xml('word/document.xml');
    const runs = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(runs).toContain('大会发言之三');
    expect(runs).toContain('第一段正文。');
    // The salutation is left out of item a but printed in item b: exactly once in the file.
    expect(runs.split('主席、各位副主席：').length - 1).toBe(1);
  });
});
