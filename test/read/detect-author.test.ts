// Title and author detection: the shapes of author lines seen in real dossiers, matched against a
// roster; anything short of a clear match must come back below the acceptance threshold.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../core/model/document';
import { MemberSchema } from '../../core/model/session';
import { AUTHOR_ACCEPT, extractFront, looksLikeAuthorLine, matchAuthor } from '../../core/read/detect-author';

const roster = [
  { id: 'm1', name: '韩喜' },
  { id: 'm2', name: '王小明' },
  { id: 'm3', name: '欧阳丽华' },
  { id: 'm4', name: '张伟' },
  { id: 'm5', name: '张伟' },
  { id: 'm6', name: '李明' },
].map((m) => MemberSchema.parse(m));

const p = (text: string, align?: 'center'): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text }], ...(align ? { align } : {}) });
const h = (text: string, level: 1 | 2 = 1): Block => ({ type: 'heading', level, inlines: [{ type: 'text', text }] });

describe('extractFront', () => {
  it('takes a centred title and the author line under it off the body', () => {
    const f = extractFront([p('关于加强文物保护的建议', 'center'), p('市政协常委 韩喜', 'center'), p('正文第一段。')]);
    expect(f).toEqual({ title: '关于加强文物保护的建议', authorLine: '市政协常委 韩喜', blocks: [p('正文第一段。')] });
  });

  it('joins a title broken over two centred lines; keeps a subtitle line in the body', () => {
    const f = extractFront([p('关于推动齐文化', 'center'), p('创造性转化的建议', 'center'), p('——韩喜', 'center'), p('正文。')]);
    expect(f.title).toBe('关于推动齐文化创造性转化的建议');
    expect(f.authorLine).toBe('——韩喜');
    const g = extractFront([h('关于文旅融合的调研报告'), p('——基于我市三个区县的调查', 'center'), p('正文。')]);
    expect(g.title).toBe('关于文旅融合的调研报告');
    expect(g.authorLine).toBeUndefined();
    expect(g.blocks[0]).toEqual(p('——基于我市三个区县的调查', 'center'));
  });

  it('leaves the body alone when the first block is not a title', () => {
    const blocks = [p('这是一段以句号结尾的正文。'), p('韩喜')];
    expect(extractFront(blocks)).toEqual({ blocks });
    const marker = [p('［此处图片 a.emf（EMF 格式）未能导入］', 'center'), p('正文。')];
    expect(extractFront(marker)).toEqual({ blocks: marker });
    const numbered = [h('一、基本情况'), p('正文。')];
    expect(extractFront(numbered)).toEqual({ blocks: numbered });
  });

  it('skips label lines above the title and reports them', () => {
    const f = extractFront([p('大会发言之三', 'center'), p('关于加强文物保护的建议', 'center'), p('韩喜', 'center'), p('正文。')]);
    expect(f).toEqual({ title: '关于加强文物保护的建议', authorLine: '韩喜', labels: ['大会发言之三'], blocks: [p('正文。')] });
    expect(extractFront([p('附件2'), p('关于乡村振兴的调研报告', 'center'), p('正文。')]).title).toBe('关于乡村振兴的调研报告');
  });

  it('without an author line at the top, a right-aligned signature (before a date) names the author and stays in the body', () => {
    const r = (text: string): Block => ({ type: 'paragraph', inlines: [{ type: 'text', text }], align: 'right' });
    const blocks = [p('关于加强文物保护的建议', 'center'), p('正文。'), r('民盟××市委会'), r('2023年9月20日')];
    const f = extractFront(blocks);
    expect(f.title).toBe('关于加强文物保护的建议');
    expect(f.authorLine).toBe('民盟××市委会');
    expect(f.blocks).toEqual(blocks.slice(1));
    expect(extractFront([p('关于加强文物保护的建议', 'center'), p('正文。'), p('韩喜')]).authorLine).toBeUndefined();
  });

  it('recognises author line shapes', () => {
    for (const t of ['市政协常委 韩喜', '韩喜', '民盟××市委会', '——韩喜', '发言人：韩喜', '韩喜（代表民建××市委会）', '市政协委员、市文化和旅游局副局长 王小明']) expect(looksLikeAuthorLine(t), t).toBe(true);
    for (const t of ['一、基本情况', '这是正文里的一句话，后面还有很多内容。', '附件五']) expect(looksLikeAuthorLine(t), t).toBe(false);
  });
});

describe('matchAuthor', () => {
  const m = (authorLine?: string, fileName?: string) => matchAuthor({ title: 'T', authorLine, fileName }, roster);

  it('exact name → confidence 1; a roster name inside the line → accepted with its reason', () => {
    expect(m('韩喜')).toMatchObject({ memberId: 'm1', confidence: 1 });
    expect(m('——韩喜')).toMatchObject({ memberId: 'm1', confidence: 1 });
    expect(m('发言人：欧阳丽华')).toMatchObject({ memberId: 'm3', confidence: 1 });
    const inLine = m('市政协常委 韩喜');
    expect(inLine.memberId).toBe('m1');
    expect(inLine.confidence).toBeGreaterThanOrEqual(AUTHOR_ACCEPT);
    expect(inLine.reason).toContain('韩喜');
    expect(m('韩喜（代表民建××市委会）')).toMatchObject({ memberId: 'm1' });
  });

  it('never silently wrong: unknown, ambiguous, several names, same-name members all go to review', () => {
    for (const line of ['赵钱孙', '张伟', '韩喜 李明', '韩喜等同志']) {
      const r = m(line);
      expect(r.confidence, line).toBeLessThan(AUTHOR_ACCEPT);
      expect(r.reason.length).toBeGreaterThan(4);
    }
    expect(m('韩喜 李明').memberId).toBeUndefined();
    expect(m('张伟').memberId).toBeUndefined();
  });

  it('an organisation is recognised without a member; no author line → the file name is only a hint', () => {
    const org = m('民盟××市委会');
    expect(org.memberId).toBeUndefined();
    expect(org.confidence).toBeGreaterThanOrEqual(AUTHOR_ACCEPT);
    const byFile = m(undefined, '王小明-大会发言.docx');
    expect(byFile).toMatchObject({ memberId: 'm2' });
    expect(byFile.confidence).toBeLessThan(AUTHOR_ACCEPT);
    expect(m(undefined, '发言稿.docx')).toMatchObject({ confidence: 0 });
  });
});
