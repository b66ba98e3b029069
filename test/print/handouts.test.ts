import { describe, expect, it } from 'vitest';
import { handoutFileName, sanitizeFileName, uniqueNames } from '../../core/print/file-names';
import { extractItemPages, handoutFileNames, selectItems } from '../../core/print/handouts';
import { padToMultiple } from '../../core/print/padding';
import { stampWatermark } from '../../core/print/watermark';
import { parseFont } from '../../core/fonts/font-set';
import { membersNamed, testSession } from '../helpers/session';
import { labelledPdf, readPdf, songFont } from './helpers';

const session = testSession({
  id: 't',
  members: membersNamed('韩喜', '刘㛃'),
  sections: [
    { id: 'a', title: '大会发言', items: ['s1', 's2'] },
    { id: 'b', title: '书面发言', items: ['s3', 's4'] },
  ],
  submissions: [
    {
      id: 's1',
      title: '关于“齐文化”的建议',
      authorLine: '市政协常委 韩喜',
      memberIds: ['m1'],
      source: { file: 'a.md', format: 'md' },
    },
    { id: 's2', title: '第二篇', authorLine: '民盟××市委会', source: { file: 'b.md', format: 'md' } },
    {
      id: 's3',
      title: 'A/B:C*D?E"F<G>H|I',
      authorLine: '市政协委员 刘㛃',
      memberIds: ['m2'],
      source: { file: 'c.md', format: 'md' },
    },
    {
      id: 's4',
      title: '第二篇',
      authorLine: '民盟××市委会',
      memberIds: ['m1'],
      source: { file: 'd.md', format: 'md' },
    },
  ],
});

describe('handout selection', () => {
  it('selects by items, section and member in dossier order', () => {
    const ids = (r: ReturnType<typeof selectItems>) => (r.ok ? r.value.map((i) => i.submission.id) : r.error.code);
    expect(ids(selectItems(session, { items: ['s4', 's1'] }))).toEqual(['s1', 's4']);
    expect(ids(selectItems(session, { section: 'b' }))).toEqual(['s3', 's4']);
    expect(ids(selectItems(session, { section: '大会发言' }))).toEqual(['s1', 's2']);
    expect(ids(selectItems(session, { member: '韩喜' }))).toEqual(['s1', 's4']);
    expect(ids(selectItems(session, {}))).toEqual(['s1', 's2', 's3', 's4']);
    expect(ids(selectItems(session, { items: ['nope'] }))).toBe('print.handout.unknown-item');
    expect(ids(selectItems(session, { section: 'x' }))).toBe('print.handout.unknown-section');
    expect(ids(selectItems(session, { section: 'a', member: 'm2' }))).toBe('print.handout.empty');
  });
});

describe('handout file names', () => {
  it('are systematic and Windows-safe', () => {
    const sel = selectItems(session, {});
    if (!sel.ok) throw new Error('selection');
    const names = handoutFileNames(sel.value);
    expect(names[0]).toBe('01大会发言-01-韩喜-关于“齐文化”的建议.pdf');
    expect(names[1]).toBe('01大会发言-02-民盟××市委会-第二篇.pdf');
    expect(names[2]).toBe('02书面发言-01-刘㛃-A_B_C_D_E_F_G_H_I.pdf');
    expect(names[3]).toBe('02书面发言-02-民盟××市委会-第二篇.pdf');
    for (const n of names) expect(n).not.toMatch(/[\\/:*?"<>|]/);
  });
  it('trims, limits length, avoids reserved names and repeats', () => {
    expect(sanitizeFileName('  报告. . ')).toBe('报告');
    expect(sanitizeFileName('CON')).toBe('_CON');
    expect(sanitizeFileName('   ')).toBe('_');
    expect(sanitizeFileName('a\tb')).toBe('a_b');
    expect([...sanitizeFileName('长'.repeat(300), 80)]).toHaveLength(80);
    const long = handoutFileName({
      sectionIndex: 0,
      sectionTitle: '大会发言',
      order: 1,
      author: '作者',
      title: '题'.repeat(500),
    });
    expect([...long].length).toBeLessThanOrEqual(120);
    expect(uniqueNames(['a.pdf', 'A.pdf', 'b.pdf', 'a.pdf'])).toEqual(['a.pdf', 'A(2).pdf', 'b.pdf', 'a(3).pdf']);
  });
});

describe('handout pages', () => {
  it('keeps the dossier pages of the chosen items, in order, with blanks for duplex', async () => {
    const src = await labelledPdf(12);
    const items = [
      { submissionId: 'x', startPhysical: 5, pageCount: 3 },
      { submissionId: 'y', startPhysical: 9, pageCount: 2 },
    ];
    const flat = await readPdf(await extractItemPages(src, items));
    expect(flat.map((p) => p.text)).toEqual(['P5', 'P6', 'P7', 'P9', 'P10']);
    const duplex = await readPdf(await extractItemPages(src, items, { startOnOdd: true }));
    expect(duplex.map((p) => p.text)).toEqual(['P5', 'P6', 'P7', '', 'P9', 'P10']);
  });
  it('pads with unnumbered blanks to a multiple of 4', async () => {
    const r = await padToMultiple(await labelledPdf(5), 4);
    expect(r).toMatchObject({ added: 3, pageCount: 8 });
    const p = await readPdf(r.pdf);
    expect(p.map((x) => x.text)).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', '', '', '']);
  });
  it('stamps a diagonal watermark on every page', async () => {
    const p = await readPdf(
      await stampWatermark(await labelledPdf(2), { font: parseFont(songFont()), text: '送审稿' }),
    );
    for (const page of p) {
      expect(page.text).toContain('P');
      const w = page.texts.filter((t) => /[送审稿]/.test(t.str));
      expect(w.length).toBeGreaterThan(0);
    }
  });
});
