// Name order for official lists (按姓氏笔画为序) and pinyin order with surname readings. The expected
// lists are built by hand; each neighbouring pair is justified by stroke counts and classes.
import { describe, expect, it } from 'vitest';
import { compareNamesByStroke, sortNamesByPinyin, sortNamesByStroke, splitName, undottedName } from '../../core/order';

const shuffle = <T>(xs: T[]) =>
  xs
    .map((x, i) => ({ x, k: (i * 7919) % 101 }))
    .sort((a, b) => a.k - b.k)
    .map((p) => p.x);

describe('姓氏笔画 order of a standing-committee list', () => {
  // A 政协常委 list as a secretariat prints it, 按姓氏笔画为序:
  const expected = [
    '丁一平', // 丁 2
    '于洋', // 于 3 横横竖 < 万 横折撇 (2nd stroke 横 < 折)
    '万立新', // 万 3
    '马红', // 马 3 折折横: after 万 (1st 横 < 折)
    '马卫国', // single-character given name first (blank convention)
    '王勇', // 王 4 横横竖横
    '王小川', // 小 3 < 光 6
    '王光谦',
    '韦一鸣', // 韦 横横折竖: 2nd 横 = 王's, 3rd 折 > 竖
    '牛犇', // 牛 撇横横竖 < 毛 撇横横折
    '毛晓', // 毛
    '文静', // 文 点横撇点 < 方 点横折撇 (3rd 撇 < 折)
    '方芳',
    '尹力', // 尹 折横横撇: 折 first stroke → after 方
    '邓丽', // 邓 折点折竖 > 尹 (2nd 点 > 横)
    '田富', // 田 5 strokes; 富 alone = blank second position → before 田大利
    '田大利',
    '买买提·艾力', // 买 6; ethnic name with a middle dot
    '欧明', // 欧 8; surname 欧 before compound 欧阳
    '欧阳红', // compound surname 欧阳
    '曾庆红', // 曾 12
    'David Smith', // Latin names after all Chinese ones
    'john Brown', // case-insensitive: Brown? compared on the whole string: "David" < "john"
  ];

  it('sorts a shuffled list back into the published order', () => {
    const r = sortNamesByStroke(shuffle(expected));
    expect(r.sorted).toEqual(expected);
    expect(r.unknownChars).toEqual([]);
  });

  it('田富 before 田大利 by convention; actual characters on request', () => {
    expect(compareNamesByStroke('田富', '田大利')).toBeLessThan(0);
    expect(compareNamesByStroke('田富', '田大利', { givenNameBlank: false })).toBeGreaterThan(0); // 大 3 < 富 12
    expect(sortNamesByStroke(['王小川', '王勇'], { givenNameBlank: false }).sorted).toEqual(['王小川', '王勇']); // 小 3 < 勇 9
  });

  it('ignores notes after names (王丽（女）) when ordering', () => {
    expect(sortNamesByStroke(['王小川', '王丽（女）', '马云（回族）']).sorted).toEqual([
      '马云（回族）',
      '王丽（女）',
      '王小川',
    ]);
  });

  it('ignores padding spaces clerks put inside two-character names', () => {
    expect(compareNamesByStroke('王　勇', '王勇')).not.toBe(0); // stable tie-break on text, but same position group
    expect(sortNamesByStroke(['王小川', '王　勇', '文静']).sorted).toEqual(['王　勇', '王小川', '文静']);
  });

  it('splits compound surnames and leaves a two-character compound-looking name alone', () => {
    expect(splitName('欧阳修')).toMatchObject({ surname: '欧阳', given: '修' });
    expect(splitName('司马光')).toMatchObject({ surname: '司马', given: '光' });
    expect(splitName('欧阳')).toMatchObject({ surname: '欧', given: '阳' });
    expect(splitName('买买提·艾力').kind).toBe('dotted');
    expect(splitName('Smith').kind).toBe('latin');
    // 司马光 vs 司徒雷登: 马 3 < 徒 10
    expect(compareNamesByStroke('司徒雷登', '司马光')).toBeGreaterThan(0);
  });

  it('orders ethnic names with a dot character by character', () => {
    // 艾 5 strokes < 吐 6 strokes after the same 买买提·
    expect(sortNamesByStroke(['买买提·吐尔逊', '买买提·艾力']).sorted).toEqual(['买买提·艾力', '买买提·吐尔逊']);
  });

  it('compares a dotted name character by character with the dot ignored (issue 15)', () => {
    // 艾力更·依明巴海 vs 艾爱国: second characters 力 (2 strokes) < 爱 (10)
    expect(sortNamesByStroke(['艾爱国', '艾力更·依明巴海']).sorted).toEqual(['艾力更·依明巴海', '艾爱国']);
    // … and 艾丁 (丁 2 横 竖钩) before 艾力更 (力 2 横折钩 撇): the dotted name interleaves with Han names
    expect(sortNamesByStroke(['艾爱国', '艾力更·依明巴海', '艾丁山']).sorted).toEqual([
      '艾丁山',
      '艾力更·依明巴海',
      '艾爱国',
    ]);
    // Every spelling of the dot sorts to the same place (then the text decides, stably)
    for (const dot of ['•', '‧', '・', '．', '-', '－', '∙', '.', '\u0387']) {
      const name = `艾力更${dot}依明巴海`;
      expect(splitName(name)).toMatchObject({ kind: 'dotted', surname: '艾', given: '力更依明巴海' });
      expect(sortNamesByStroke(['艾爱国', name, '艾丁山']).sorted, dot).toEqual(['艾丁山', name, '艾爱国']);
    }
    expect(undottedName('买买提·艾力（维吾尔族）')).toBe('买买提艾力');
    // A hyphen or full stop between Latin letters is not a name dot
    expect(splitName('Jean-Luc').kind).toBe('latin');
    expect(splitName('王.').kind).toBe('han');
  });

  it('applies the single-given-name blank to two-character names with or without a surname, never to dotted names', () => {
    // 巴赫 (a two-character name, no matter that 巴 is not a surname here) takes the blank: before 巴特尔.
    expect(sortNamesByStroke(['巴特尔', '巴赫']).sorted).toEqual(['巴赫', '巴特尔']);
    // Actual characters: 特 (10) < 赫 (14)
    expect(sortNamesByStroke(['巴特尔', '巴赫'], { givenNameBlank: false }).sorted).toEqual(['巴特尔', '巴赫']);
    // A dotted name of two characters is compared as written: 阿·吉 (吉 6) after 阿大利 (大 3) …
    expect(sortNamesByStroke(['阿·吉', '阿大利']).sorted).toEqual(['阿大利', '阿·吉']);
    // … while the Han name 阿吉 takes the blank and comes first.
    expect(sortNamesByStroke(['阿吉', '阿大利']).sorted).toEqual(['阿吉', '阿大利']);
  });

  it('reports characters outside the checked table, never silently', () => {
    const r = sortNamesByStroke(['王勇', '劉明', '田富', '张熺']);
    expect(r.unknownChars.sort()).toEqual(['劉', '熺'].sort());
    expect(r.estimatedChars.sort()).toEqual(['劉', '熺'].sort()); // both have an estimated sequence
    expect(r.sorted).toHaveLength(4);
  });
});

describe('the 100 commonest surnames 按姓氏笔画', () => {
  // Expected order worked out by hand from each surname's strokes (e.g. 丁12 于112 万153 马551 王1121
  // 韦1152 毛3115 方4153 尹5113 孔5215 邓5452 | 石13251 龙13534 卢21513 叶25112 田25121 史25134 …);
  // the stroke sequences of the first 60 were checked one by one.
  const expected = [
    ...'丁于万马王韦毛方尹孔邓石龙卢叶田史付白冯吕朱任向刘闫江汤许孙严苏杜李杨肖吴邱何余邹汪沈宋张陆陈邵武范林罗金周郑孟赵郝胡钟段侯姜姚贺秦袁莫贾夏顾钱徐高郭唐陶黄曹龚崔梁彭董蒋韩覃程曾谢雷蔡廖谭熊黎潘薛戴魏',
  ];

  it('sorts them into the expected order', () => {
    expect(sortNamesByStroke(shuffle(expected)).sorted.join('')).toBe(expected.join(''));
  });
});

describe('pinyin order with surname readings', () => {
  it('reads 单 shàn, 曾 zēng, 仇 qiú, 解 xiè as surnames', () => {
    // Each pair flips if the surname were read with its common reading (dan, ceng, chou, jie).
    expect(sortNamesByPinyin(['单田芳', '任一']).sorted).toEqual(['任一', '单田芳']); // ren < shan (dan would be first)
    expect(sortNamesByPinyin(['曾国藩', '崔健']).sorted).toEqual(['崔健', '曾国藩']); // cui < zeng (ceng would be first)
    expect(sortNamesByPinyin(['仇英', '彭一']).sorted).toEqual(['彭一', '仇英']); // peng < qiu (chou would be first)
    expect(sortNamesByPinyin(['解缙', '王一']).sorted).toEqual(['王一', '解缙']); // wang < xie (jie would be first)
  });

  it('orders by letters, then tones, then strokes', () => {
    expect(sortNamesByPinyin(['李明', '黎明']).sorted).toEqual(['黎明', '李明']); // li2 < li3
    expect(sortNamesByPinyin(['吕布', '卢俊', '鲁迅']).sorted).toEqual(['卢俊', '鲁迅', '吕布']); // lu2 < lu3 < lü
    expect(sortNamesByPinyin(['Smith', '张三']).sorted).toEqual(['张三', 'Smith']);
  });
});
