// GF 3003 character order: known pairs from the standard's principles, each justified by its strokes.
import { describe, expect, it } from 'vitest';
import { compareChars, strokeClasses, strokeCount, strokeInfo, strokeShapes } from '../../core/order';

const before = (a: string, b: string) => expect(compareChars(a, b), `${a} should come before ${b}`).toBeLessThan(0);

describe('stroke data', () => {
  it('gives totals and class sequences (横1 竖2 撇3 点4 折5)', () => {
    expect(strokeClasses('王')).toBe('1121');
    expect(strokeClasses('文')).toBe('4134');
    expect(strokeClasses('万')).toBe('153'); // 横 横折钩 撇
    expect(strokeClasses('于')).toBe('112'); // 横 横 竖钩 (竖钩 counts as 竖)
    expect(strokeClasses('冰')).toBe('412534'); // 点 提(→横) 竖钩(→竖) 横撇 撇 捺(→点)
    expect(strokeClasses('必')).toBe('45434'); // 点 卧钩(→折) 点 撇 点
    expect(strokeCount('曾')).toBe(12);
    expect(strokeCount('魏')).toBe(17);
  });

  it('carries the hand-checked corrections of cnchar-order (德 炽 皙 膝 黏 邶 雌)', () => {
    expect(strokeClasses('德')).toBe('332122522114544'); // 彳 十 罒 一 心
    expect(strokeCount('皙')).toBe(13);
    expect(strokeClasses('雌').slice(0, 6)).toBe('212135'); // 此: 竖 横 竖 提 撇 竖弯钩
  });

  it('uses the rime-stroke complement for characters cnchar-order lacks', () => {
    // 啰 (level 1 in the 8105, missing from cnchar-order): 口 + 罗 = 3 + 8 strokes.
    const i = strokeInfo('啰');
    expect(i.source).toBe('sequence');
    expect(i.count).toBe(11);
    expect(strokeClasses('啰').startsWith('251')).toBe(true); // 口 first: 竖 横折 横
  });

  it('has sequences composed from components for level-3 characters no source covers', () => {
    expect(strokeInfo('𬉼').source).toBe('sequence');
    expect(strokeClasses('𬉼')).toBe(strokeClasses('火') + strokeClasses('区')); // 火 + 区, 8 strokes
    expect(strokeClasses('𫢸')).toBe('32' + strokeClasses('单')); // 亻 + 单
    // 车 on the left is written 横 撇折 竖 提, as in 轩 (not 横 撇折 横 竖 as alone)
    expect(strokeClasses('𬨂')).toBe(strokeClasses('轩').slice(0, 4) + strokeClasses('氏'));
    expect(strokeClasses('𬨂').slice(0, 4)).toBe('1521');
  });

  it('composes the 42 level-3 characters that had only a total, with the count their table position gives', () => {
    // 㮾 = 朗 over 木: 14 strokes (its neighbours in the table have 14; Unihan says 15)
    expect(strokeClasses('㮾')).toBe(strokeClasses('朗') + strokeClasses('木'));
    expect(strokeCount('㮾')).toBe(14);
    // 䓖 = 艹 + 穷: 10 (Unihan's 13 counts 艸 as 6)
    expect(strokeClasses('䓖')).toBe('122' + strokeClasses('穷'));
    // 𬩽 = 寻 + 阝: 阝 is 2 strokes, 横撇弯钩 竖 (Unihan counts 3)
    expect(strokeClasses('𬩽')).toBe(strokeClasses('寻') + '52');
    // 𬸘 = 匽 over 鸟: 匚's 横 first and its 竖折 after 日 女
    expect(strokeClasses('𬸘')).toBe('1' + strokeClasses('日') + strokeClasses('女') + '5' + strokeClasses('鸟'));
  });

  it('says which characters have only an estimated sequence, a total, or nothing', () => {
    // Traditional form outside the 8105: rime-stroke classes of Unihan's total (15), not checked
    // against a table: 'estimated' (撇 折 点 折 … of 丣 金 刂).
    const i = strokeInfo('劉');
    expect(i.source).toBe('estimated');
    expect(i.count).toBe(15);
    expect(strokeClasses('劉')).toBe('354533411243122');
    expect(strokeInfo('熺').source).toBe('estimated'); // the example: 火 + 喜, 16
    expect(strokeInfo('熺').count).toBe(16);
    expect(strokeInfo('㓸')).toMatchObject({ source: 'count', count: 12, code: '' }); // Ext. A, no rime code of Unihan's total
    expect(strokeInfo('𠀾').source).toBe('none'); // Ext. B with no modern mainland source: not carried
    expect(strokeInfo('A').source).toBe('none');
  });
});

describe('GF 3003 comparator', () => {
  it('puts fewer strokes first', () => {
    before('丁', '万'); // 2 < 3
    before('马', '王'); // 3 < 4
    before('王', '石'); // 4 < 5
  });

  it('then compares stroke by stroke by class 横 < 竖 < 撇 < 点 < 折 (where ICU is wrong)', () => {
    before('王', '文'); // 4 strokes: 横 vs 点
    before('于', '万'); // 3 strokes: 横横竖 vs 横折撇: second stroke 横 < 折
    before('丁', '七'); // 横竖钩 vs 横竖弯钩: 竖 < 折
    before('一', '乙'); // 横 < 折
    before('卜', '刁'); // 竖点 vs 折横: 竖 < 折
    before('牛', '毛'); // 撇横横竖 vs 撇横横竖弯钩: fourth stroke 竖 < 折
    before('甲', '田'); // 竖折横横竖 vs 竖折横竖横: fourth stroke 横 < 竖
  });

  it('uses shape ranks only after all classes are equal (干 < 于, 十 < 丁)', () => {
    before('干', '于'); // both 横横竖; 竖 is the main shape, 竖钩 its variant
    before('十', '丁');
  });

  it('then the 折 shapes: by turns, then in GF 2001-2001 order (as the 通用规范汉字表 does)', () => {
    before('巴', '孔'); // 横折 竖 横 竖弯钩 vs 横撇/横钩 竖钩 提 竖弯钩: stroke 1 横折 < 横撇 (same turns, GF 2001 order)
    before('衣', '次'); // 点 横 … vs 点 提 …: stroke 2 横 < 提 (main shape before its variant)
    before('山', '巾'); // 竖折 (1 turn) < 横折钩 (2 turns)
    before('匕', '几'); // 竖弯钩 (2) < 横折弯钩 (3)
    before('驳', '纵'); // 马's 横折 < 纟's 撇折 (both 1 turn; GF 2001 order)
    before('久', '么'); // 横撇 < 撇折
    before('议', '必'); // 横折提 < 卧钩
    expect(strokeShapes('那')).toEqual(['横折钩', '横', '横', '撇', '横撇弯钩', '竖']);
    expect(strokeShapes('乃')).toEqual(['横折折折钩', '撇']);
    expect(strokeShapes('心')).toEqual(['点', '卧钩', '点', '点']);
    expect(strokeShapes('我')[4]).toBe('斜钩');
    expect(strokeShapes('风')[1]).toBe('横斜钩');
    expect(strokeShapes('九')[1]).toBe('横折弯钩');
    expect(strokeShapes('凹')[1]).toBe('横折折');
    expect(strokeShapes('没')[4]).toBe('横折弯');
    expect(strokeShapes('专')[2]).toBe('竖折撇');
    expect(strokeShapes('鼎')[5]).toBe('竖折折');
    expect(strokeShapes('写')[1]).toBe('横钩');
    expect(strokeShapes('买')[0]).toBe('横钩');
    expect(strokeShapes('又')).toEqual(['横撇', '捺']);
    expect(strokeShapes('夕')[1]).toBe('横撇');
    expect(strokeShapes('水')[1]).toBe('横撇');
    expect(strokeShapes('欠')[1]).toBe('横撇或横钩'); // the source does not tell, and no rule decides it
    // rime-stroke data (classes only) takes its radical's shapes: 汭 = 氵 (点 点 提) + 内
    expect(strokeShapes('汭').slice(0, 3)).toEqual(['点', '点', '提']);
    expect(strokeShapes('䌹').slice(0, 3)).toEqual(['撇折', '撇折', '提']);
  });

  it('orders identical stroke data by the table (stroke relations, structure), then the code point', () => {
    expect(strokeInfo('曰').code).toBe(strokeInfo('日').code);
    before('曰', '日'); // by code point 日 (U+65E5) would be first; the table puts 曰 first
    before('八', '人');
    before('人', '入');
    before('己', '已');
    before('已', '巳');
    expect(compareChars('田', '田')).toBe(0);
  });

  it('sorts an estimated sequence by its classes, a count-only character after known ones of its count, unknown characters last', () => {
    expect(strokeCount('劉')).toBe(15);
    expect(compareChars('劉', '龠')).toBeLessThan(0); // 龠 has 17 strokes
    expect(compareChars('劉', '镇')).toBeGreaterThan(0); // 镇 (15) starts 撇 横, 劉 (15, estimated) 撇 折
    expect(compareChars('德', '劉')).toBeLessThan(0); // 德 (15) starts 撇 撇 < 撇 折
    expect(compareChars('劉', '熟')).toBeLessThan(0); // 熟 (15) starts 点
    expect(strokeInfo('㓸').source).toBe('count');
    expect(compareChars('喆', '㓸')).toBeLessThan(0); // 12 strokes: a sequence before a bare total
    expect(compareChars('㓸', '犇')).toBeGreaterThan(0);
    expect(compareChars('A', '龠')).toBeGreaterThan(0);
  });

  it('differs from ICU stroke collation where ICU breaks the standard', () => {
    const ours = ['文', '王', '万', '于'].sort(compareChars).join('');
    expect(ours).toBe('于万王文');
    const icu = new Intl.Collator('zh-u-co-stroke');
    if (icu.resolvedOptions().collation === 'stroke') {
      // ICU orders by count, then code point: 万 (U+4E07) before 于 (U+4E8E), 文 (U+6587) before 王 (U+738B).
      expect(['文', '王', '万', '于'].sort(icu.compare).join('')).toBe('万于文王');
    }
  });
});
