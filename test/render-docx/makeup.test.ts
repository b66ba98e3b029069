// The PDF layout's half-width punctuation against 孤字 (a lone last character pulled up by setting
// some marks of the line at half width) reaches the DOCX: exactly those marks are condensed by half
// an em (w:spacing, the glyph unchanged, as the PDF draws them), so Word sets the paragraph in as many
// lines as the PDF.
import { describe, expect, it } from 'vitest';
import { compileDossierPdf } from '../../core/compile';
import type { Block, SourceDoc } from '../../core/model/document';
import { buildDossier } from '../../core/model/dossier';
import { loadFontSet } from '../../core/node/fonts';
import { renderDocx } from '../../core/render/docx/index';
import { makeupHints, squeezeOffsets } from '../../core/render/docx/makeup';
import { hanText, session } from './fixtures';
import { readDocx } from './read-docx';

// A first line of 26 cells (two-character indent) holding three commas, then "字。": without
// 标点挤压 the paragraph would end on a line of one character.
const LINE = `${hanText(6, 3)}，${hanText(6, 4)}，${hanText(6, 5)}，${hanText(5, 6)}`;
const LONE = `${LINE}字。`;
const PLAIN = hanText(60, 7) + '。';

async function compiled() {
  const s = session({
    items: [{ id: 'a', title: '关于标点挤压的测试', author: '市政协常委 某某', section: 0 }],
    sectionTitles: ['大会发言'],
  });
  const blocks: Block[] = [
    { type: 'paragraph', inlines: [{ type: 'text', text: PLAIN }] },
    { type: 'paragraph', inlines: [{ type: 'text', text: LONE }] },
  ];
  const docs = new Map<string, SourceDoc>([['a', { blocks, footnotes: [], images: {}, warnings: [] }]]);
  const { dossier } = buildDossier(s, docs);
  const res = await compileDossierPdf(dossier, await loadFontSet(dossier.session.layout));
  return { dossier, res };
}

/** Condensed by at least a third of an em (16 pt = 320 twips): a squeezed mark, not grid tracking. */
const SQUEEZED = (rPr: string) => Number(/<w:spacing w:val="(-?\d+)"\/>/.exec(rPr)?.[1] ?? 0) <= -107;

/** The runs of document.xml as [text, squeezed] pairs. */
function runs(xml: string): [string, boolean][] {
  return [...xml.matchAll(/<w:r>(?:<w:rPr>([\s\S]*?)<\/w:rPr>)?<w:t[^>]*>([^<]*)<\/w:t><\/w:r>/g)].map((m) => [
    m[2],
    SQUEEZED(m[1] ?? ''),
  ]);
}

describe('标点挤压 from the PDF layout into the DOCX', () => {
  it('reads the squeezed marks of a last line off the laid-out pages', async () => {
    const { res } = await compiled();
    const hints = makeupHints(res.layout).get('a');
    expect(hints).toHaveLength(1);
    const tail = Array.from(hints![0].tail);
    // The marks the layout set at half width are full-width punctuation of that line, "。" among them.
    expect(hints![0].at.length).toBeGreaterThanOrEqual(2);
    for (const k of hints![0].at) expect('，。').toContain(tail[k]);
    expect(tail[hints![0].at.at(-1)!]).toBe('。');
    expect(LONE.endsWith(hints![0].tail)).toBe(true);
  });

  it('sets exactly those marks at half width in Word, and nothing when no layout is given', async () => {
    const { dossier, res } = await compiled();
    const hint = makeupHints(res.layout).get('a')![0];
    const xml = readDocx(await renderDocx(dossier, res.toc, { layout: res.layout })).xml('word/document.xml');
    const scaled = runs(xml).filter(([, s]) => s);
    expect(scaled.map(([t]) => t)).toEqual(hint.at.map((k) => Array.from(hint.tail)[k]));
    // The text is unchanged: the paragraph still reads LONE, in runs.
    const paras = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((p) =>
      [...p[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
    );
    expect(paras).toContain(LONE);
    expect(paras).toContain(PLAIN);
    // Half an em less the grid tracking of the body style, and never a squashed glyph (w:w).
    expect(xml).toMatch(/<w:spacing w:val="-16\d"\/><\/w:rPr><w:t xml:space="preserve">。/);
    expect(xml).not.toContain('<w:w ');
    // Without the layout no mark is squeezed.
    const plain = readDocx(await renderDocx(dossier, res.toc)).xml('word/document.xml');
    expect(runs(plain).filter(([, s]) => s)).toEqual([]);
  });

  it('matches a hint only to the paragraph its last line ends', () => {
    const hints = [{ tail: '甲乙丙丁戊己，庚辛字。', at: [6, 10] }];
    expect(squeezeOffsets(hints, '天地玄黄甲乙丙丁戊己，庚辛字。')).toEqual(new Set([10, 14]));
    expect(squeezeOffsets(hints, '天地玄黄甲乙丙丁戊己，庚辛字。 ')).toEqual(new Set([10, 14]));
    expect(squeezeOffsets(hints, '甲乙丙丁戊己，庚辛字。天地')).toBeUndefined();
    expect(squeezeOffsets(undefined, '字。')).toBeUndefined();
  });
});
