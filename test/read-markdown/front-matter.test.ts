// Front matter: the small YAML subset we read (key: value, quotes, comments, block scalars) and
// the cases that must not be mistaken for front matter.
import { describe, expect, it } from 'vitest';
import { frontMatterAuthor, frontMatterTitle, splitFrontMatter } from '../../core/read/front-matter';

describe('splitFrontMatter', () => {
  it('reads key: value lines, quotes, Chinese keys and colons, comments', () => {
    const fm = splitFrontMatter(
      [
        '---',
        '# 注释行',
        '标题：关于“齐文化+”的建议：兼论文旅融合',
        "作者: '市政协常委 韩喜'",
        'date: 2023-09-20 # 会议日期',
        'tags:',
        '  - 齐文化',
        '---',
        '正文',
      ].join('\n'),
    );
    expect(frontMatterTitle(fm)).toBe('关于“齐文化+”的建议：兼论文旅融合');
    expect(frontMatterAuthor(fm)).toBe('市政协常委 韩喜');
    expect(fm.fields.date).toBe('2023-09-20');
    expect(fm.body).toBe('正文');
    expect(fm.lines).toBe(8);
  });
  it('block scalars: > folds a long title, | keeps line breaks', () => {
    const fm = splitFrontMatter(
      [
        '---',
        'title: >',
        '  关于推进齐国故城国家考古遗址公园建设',
        '  的调研报告',
        'author: |',
        '  民盟××市委会',
        '  执笔：韩喜',
        '---',
        '',
      ].join('\n'),
    );
    expect(frontMatterTitle(fm)).toBe('关于推进齐国故城国家考古遗址公园建设的调研报告');
    expect(frontMatterAuthor(fm)).toBe('民盟××市委会\n执笔：韩喜');
  });
  it('a thematic break, an unclosed block or prose between rules is not front matter', () => {
    for (const text of [
      '---\n\n正文',
      '---\ntitle: x\n正文没有结束',
      '正文\n---\ntitle: x\n---',
      '---\n这是一段正文\n---\n',
    ]) {
      const fm = splitFrontMatter(text);
      expect(fm.fields, JSON.stringify(text)).toEqual({});
      expect(fm.body).toBe(text);
    }
  });
});
