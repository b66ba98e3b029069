// Builds core/order/data/stroke-table.ts and core/order/data/general-standard-chars.ts: the stroke
// data behind the GF 3003 comparator. Run by a developer when the sources change; its output is
// committed. It must never be imported by the app (it shells out to apt-get/dpkg-deb and reads
// node_modules). Sources and licences are recorded in core/order/data/README.md.
//
//   npx tsx scripts/build-stroke-table.ts [--src <dir with extracted .debs>]
//
// Without --src it fetches the two Debian packages it needs with `apt-get download` (Debian is one
// of the registries this project may use) into a temporary folder and unpacks them with dpkg-deb.
//
// Sources, in order of trust:
//   1. cnchar-order 3.2.6 (MIT): stroke SHAPES (横, 提, 竖钩, 横折钩 …) for 6,939 characters, mainland order.
//   2. rime-data-stroke (LGPL-3, Debian `rime-data-stroke`): 五笔画 classes (h s p n z) for ~70k
//      characters; where a character has several codes the LAST is the mainland one (measured against
//      cnchar-order: last agrees 3441/3474, first 15/3474), and only a code whose length equals the
//      Unihan zh-Hans total is used.
//   3. Unihan 15.0 (Unicode licence, Debian `unicode-data`): kTGH (the 8105 通用规范汉字 and their
//      table order) and kTotalStrokes (first value = zh-Hans) for characters without a sequence.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { SHAPE_ORDER_EXCEPTIONS, TABLE_MISPLACED } from '../core/order/data/table-order-exceptions';
import { packTable, type PackedEntry, type PackedTable } from '../core/order/packed-table';
import { STROKE_SHAPES, classesOfCode, shapeRanksOfCode, shapesKnown } from '../core/order/stroke-shapes';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'core/order/data');

function sourceDir(): string {
  const i = process.argv.indexOf('--src');
  if (i > 0 && process.argv[i + 1]) return path.resolve(process.argv[i + 1]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huibian-strokes-'));
  execFileSync('apt-get', ['download', 'rime-data-stroke', 'unicode-data'], { cwd: dir, stdio: 'inherit' });
  for (const deb of readdirSync(dir).filter((f) => f.endsWith('.deb'))) {
    execFileSync('dpkg-deb', ['-x', path.join(dir, deb), path.join(dir, 'x')]);
  }
  return path.join(dir, 'x');
}

function findFile(dir: string, name: string): string {
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop()!;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.name === name) return p;
    }
  }
  throw new Error(`${name} not found under ${dir}`);
}

const bzcat = (file: string) => execFileSync('bzcat', [file], { maxBuffer: 1 << 30 }).toString('utf8');
const fromU = (u: string) => String.fromCodePoint(parseInt(u.slice(2), 16));

// Per-stroke codes. The code keeps the class (横1 竖2 撇3 点4 折5) and GF 3003's finer information:
// the main shape before its variant (提 is 横's variant, 竖钩 竖's, 捺 点's) and, for 折, the shape in
// the order of GF 2001-2001 (GB13000.1 字符集汉字折笔规范), A … Y (STROKE_SHAPES in core/order/stroke-shapes.ts):
//   A 横折 B 横撇 C 横钩 D 横折钩 E 横折提 F 横折弯 G 横折折 H 横斜钩 I 横折弯钩 J 横撇弯钩 K 横折折撇
//   L 横折折折钩 M 横折折折 N 竖提 O 竖折 P 竖弯 Q 竖弯钩 R 竖折撇 S 竖折折 T 竖折折钩 U 撇点 V 撇折
//   W 斜钩 X 弯钩 Y 卧钩;  Z 横撇 or 横钩 (the source does not tell them apart);  5 折 (shape unknown, rime data)
// cnchar-order has one letter for some pairs of 折 shapes; the pair is resolved from the neighbouring
// strokes where the components make it certain (rules below, counted by the build), else Z.
const CNCHAR_CODE: Record<string, string> = {
  j: '1',
  i: 'a',
  f: '2',
  g: 'b',
  s: '3',
  k: '4',
  d: '4',
  l: 'd',
  c: 'A',
  r: 'D',
  p: 'E',
  a: 'K',
  q: 'M',
  h: 'N',
  b: 'P',
  u: 'Q',
  z: 'T',
  m: 'U',
  n: 'V',
  t: 'X',
};
const resolved: Record<string, number> = {};
function cncharToCode(letters: string, shapes: Record<string, { name: string }>): string {
  const l = [...letters];
  return l
    .map((c, i) => {
      if (CNCHAR_CODE[c]) return CNCHAR_CODE[c];
      const prev = l[i - 1] ?? '';
      const next = l[i + 1] ?? '';
      let code: string;
      switch (c) {
        // 横撇|横钩: after 冖/宀's left dot (写 军 字 学) and before 买's two dots (买 卖 读) 横钩; before 捺 (又
        // 夂 友 反), before a single 点 (夕 令 予, 又 on the left: 对 劝 经), in ⺈ (负 危 刍 角's top: 撇 横撇 +
        // 竖/横折/横), in 礻 今 (点 横撇 竖) and in 水 (after 竖钩) 横撇; elsewhere (欠 皮 子 了 饣 虍 …) not known.
        case 'e': {
          const after = next + (l[i + 2] ?? '');
          if (prev === 'd' || after === 'kk') code = 'C';
          else if (
            next === 'l' ||
            next === 'k' ||
            prev === 'g' ||
            (prev === 's' && /[fcj]/.test(next)) ||
            (prev === 'k' && next === 'f')
          )
            code = 'B';
          else code = 'Z';
          break;
        }
        // 横斜钩|横折弯钩 (cnchar-order's 横斜钩 covers both): 气's (after 横 横), 卂's (迅 讯, before 横 竖)
        // and 风's (撇 …, enclosing 撇 点, 又 or 皇: 风 凤 凰) are 横斜钩; 九 几 乙 (last, or before 点: 凡 丸 执;
        // 鸠 彪) 横折弯钩.
        case 'o': {
          const before = (l[i - 2] ?? '') + prev;
          const after = next + (l[i + 2] ?? '');
          code =
            before === 'jj' ||
            after === 'jf' ||
            (prev === 's' && /^(sk|sf|ek)/.test(after)) ||
            (i === 0 && after === 'sk')
              ? 'H'
              : 'I';
          break;
        }
        // 横折折|横折弯: after 撇 it is 几 in 殳 朵 㕣 (横折弯); else 凹 凸's 横折折.
        case 'v':
          code = prev === 's' ? 'F' : 'G';
          break;
        // 横折折折钩|横撇弯钩: 阝 is 横撇弯钩 followed by its 竖; else 乃's 横折折折钩 (乃 仍 秀 盈 携).
        case 'w':
          code = next === 'f' ? 'J' : 'L';
          break;
        // 竖折撇|竖折折: 专's 竖折撇 is followed by its 点; else 鼎's 竖折折.
        case 'x':
          code = next === 'k' ? 'R' : 'S';
          break;
        // 斜钩|卧钩: 心's 卧钩 follows its left dot (cnchar 点2); 戈 弋 民 我 … have 斜钩.
        case 'y':
          code = prev === 'd' ? 'Y' : 'W';
          break;
        default:
          throw new Error(`unexpected cnchar-order letter ${c} (${shapes[c]?.name ?? '?'})`);
      }
      const key = `${c}→${code}`;
      resolved[key] = (resolved[key] ?? 0) + 1;
      return code;
    })
    .join('');
}
// rime-stroke's 五笔画 letters are kept as they are (h 横类 s 竖类 p 撇 n 点类 z 折类: class known, shape not).
const classesOf = classesOfCode;

/** Component forms as they are written inside a character (车 on the left ends with 提, etc.). */
const RADICAL_FORMS: Record<string, string> = {
  纟: '551',
  讠: '45',
  氵: '441',
  衤: '45234',
  艹: '122',
  钅: '31115',
  亻: '32',
  口: '251',
  门: '425',
  车L: '1521',
  土L: '121',
  王L: '1121',
  火L: '4334',
  虫L: '251214',
  鱼L: '35251211',
  齿L: '21213452',
  学头: '44345', // ⺍ 点 点 撇 + 冖 点 横钩
  马L: '551',
  阝: '52',
  '⺮': '314314',
};
/** A character (from cnchar-order) that starts with each form: the build checks the form against it. */
const RADICAL_SAMPLES: Record<string, string> = {
  纟: '纱',
  讠: '记',
  氵: '沙',
  衤: '袄',
  艹: '花',
  钅: '钉',
  亻: '们',
  口: '吃',
  门: '闪',
  车L: '轮',
  土L: '地',
  王L: '理',
  火L: '炉',
  虫L: '蚊',
  鱼L: '鲤',
  齿L: '龄',
  学头: '学',
  马L: '驳',
  阝: '陈',
  '⺮': '筻',
};
/** Components outside the table, taken from a character that contains them: [char, strokes to drop at
 *  the start, strokes to drop at the end]. */
const DERIVED_PARTS: Record<string, [string, number, number?]> = {
  粦: ['磷', 5], // 磷 = 石 + 粦
  垔: ['湮', 3], // 湮 = 氵 + 垔
  冋: ['䌹', 3], // 䌹 = 纟 + 冋
  宀一: ['苎', 3], // 苎 = 艹 + 宀 + 一 (the 宁 zhù of 纻 贮 詝, written without the hook)
  艹两: ['满', 3], // 满 = 氵 + 艹 + 两 (the simplified 㒼)
  骞头: ['骞', 0, 3], // 骞 = 寒's top + 马 (竖折折钩 … written under it: 3 strokes)
  冖: ['写', 0, 3], // 写 = 冖 + 与
  冘: ['沈', 3], // 沈 = 氵 + 冘
};
// A part written '=<codes>' is a literal run of strokes (e.g. '=1' 横, '=O' 竖折 of an enclosing 匚).
// Six were first composed from a misread glyph; the table-order check rejected them (same totals) and
// Unihan's kTraditionalVariant confirmed the reading: 𬌗 牙+合 (not 歹), 𬘘 紞 纟+冘 (not 亢), 𬟽 蝀 虫+东
// (not 乐), 𬃊 櫍 木+质 (not 顷), 𬒗 石+览 (not 觉), 𬸦 鷟 族+鸟 (not 敝).
const COMPOSED: Record<string, string[]> = {
  '𬉼': ['火L', '区'],
  '𬣙': ['讠', '于'],
  '𬇕': ['氵', '万'],
  '𬘓': ['纟', '川'],
  '𫭟': ['土L', '区'],
  '𫭢': ['土L', '仑'],
  '𫵷': ['山', '历'],
  '𬇙': ['氵', '贝'],
  '𬣡': ['讠', '戋'],
  '𫸩': ['弓', '区'],
  '𬘘': ['纟', '冘'],
  '𬨂': ['车L', '氏'],
  '𬀩': ['日', '韦'],
  '𬀪': ['日', '见'],
  '𬬩': ['钅', '弋'],
  '𬣳': ['讠', '艮'],
  '𫰛': ['女', '圣'],
  '𬳵': ['马L', '丕'],
  '𬳶': ['马L', '冋'],
  '𬍛': ['王L', '乐'],
  '𬬮': ['钅', '长'],
  '𬬱': ['钅', '斤'],
  '𬬭': ['钅', '仑'],
  '𬘡': ['纟', '因'],
  '𬘩': ['纟', '廷'],
  '𬍤': ['王L', '寻'],
  '𫭼': ['土L', '劳'],
  '𬜯': ['艹', '两'],
  '𬂩': ['木', '夹'],
  '𬌗': ['牙', '合'],
  '𬬸': ['钅', '术'],
  '𬬹': ['钅', '申'],
  '𬬿': ['钅', '召'],
  '𬭁': ['钅', '母'],
  '𫢸': ['亻', '单'],
  '𬊈': ['火L', '寻'],
  '𬒈': ['学头', '石'],
  '𬳿': ['马L', '余'],
  '𫮃': ['土L', '单'],
  '𬟽': ['虫L', '东'],
  '𬇹': ['氵', '国'],
  '𬤇': ['讠', '垔'],
  '𬤊': ['讠', '是'],
  '𬘬': ['纟', '青'],
  '𬘭': ['纟', '林'],
  '𬴂': ['马L', '非'],
  '𬘯': ['纟', '享'],
  '𬃊': ['木', '质'],
  '𬷕': ['甫', '鸟'],
  '𬹼': ['齿L', '介'],
  '𫶇': ['山', '带'],
  '𬭎': ['钅', '宏'],
  '𬮱': ['门', '垔'],
  '𬊤': ['火L', '单'],
  '𬨎': ['车L', '酋'],
  '𫫇': ['口', '恶'],
  '𬭚': ['钅', '享'],
  '𬶋': ['鱼L', '句'],
  '𬶍': ['鱼L', '它'],
  '𫌀': ['衤', '责'],
  '𬭤': ['钅', '侯'],
  '𬶐': ['鱼L', '兆'],
  '𬶏': ['鱼L', '危'],
  '𬤝': ['讠', '惠'],
  '𬙂': ['纟', '寅'],
  '𬭩': ['钅', '翁'],
  '𬴊': ['马L', '粦'],
  '𬞟': ['艹', '频'],
  '𬺈': ['齿L', '奇'],
  '𬭯': ['钅', '敝'],
  '𬸦': ['族', '鸟'],
  '𬭳': ['钅', '喜'],
  '𬭸': ['钅', '粦'],
  '𬭼': ['钅', '遂'],
  '𬶟': ['鱼L', '剌'],
  '𬶠': ['鱼L', '柬'],
  '𬶭': ['鱼L', '祭'],
  '𬶮': ['鱼L', '喜'],
  '𬙋': ['纟', '襄'],
  '𬺓': ['齿L', '楚'],
  '𬬻': ['钅', '卢'],
  '𬱖': ['由', '页'],
  '𬒗': ['石', '览'],
  '𬸪': ['番', '鸟'],
};
/** Written with shapes; the build checks that each one's classes are a code rime-stroke has. */
const CNCHAR_CORRECTIONS: Record<string, string> = {
  德: '332122A22114Y44', // 彳332 十12 罒2A221 一1 心4Y44 (cnchar has 撇 for 十's 竖)
  炽: '43342A134', // 火4334 只: 口2A1 + 八34 (cnchar ends 点点)
  皙: '1234331232A11', // 析: 木1234 斤3312, 白32A11: 13 strokes (cnchar has 12)
  膝: '3D1112343' + '4b4a34', // 月3D11 桼: 木1234 人34 氺b4a34
  黏: '3123434b4a34212A1', // 黍: 禾31234 人34 氺b4a34; 占212A1
  邶: '21a3QJ2', // 北: 竖 横 提 撇 竖弯钩; 阝 横撇弯钩 竖
  雌: '212a3Q32411121', // 此: 竖 横 竖 提 撇 竖弯钩; 隹32411121
};
/**
 * The 42 level-3 characters that had only Unihan's total. Each decomposition was read off the rendered
 * glyph (Noto Sans SC) and its traditional form (Unihan kTraditionalVariant); the stroke count comes
 * from the table position (the neighbours in kTGH order have that count; where it differs from
 * Unihan's kTotalStrokes the reason says so), and the build's table-order check proves the sequence
 * falls between its neighbours'. "rime agrees" = rime-stroke has exactly this class sequence (it was
 * not taken because its length differed from Unihan's wrong total).
 */
const COMPOSED_FROM_TABLE: Record<string, [string[], string]> = {
  䦃: [['钅', '著'], '鐯; 16 among 16s (Unihan 20, 17 with 钅: 著 counted with 艸); rime agrees'],
  '𬣞': [['讠', '宀一'], '詝; right part as in 苎 纻 (宀+一), 6 among 6s (= Unihan)'],
  '𫇭': [['艹', '为'], '蔿; 7 among 7s (Unihan 8); rime agrees'],
  '𬩽': [['寻', '阝'], '鄩; 8 among 8s (Unihan 9 counts 阝 as 3)'],
  '𬮿': [['阝', '岂'], '隑; 8 among 8s (Unihan 9 counts 阝 as 3)'],
  '𬯀': [['阝', '齐'], '隮; 8 among 8s (Unihan 9 counts 阝 as 3)'],
  '𬜬': [['艹', '问'], '蔄; 9 among 9s (= Unihan)'],
  '𦰡': [['艹', '那'], '艹 over 那; 9 among 9s (Unihan 11 counts 艸)'],
  '𬳽': [['马L', '先'], '駪; 9 among 9s (= Unihan)'],
  '𫄧': [['纟', '延'], '綖; 9 among 9s (Unihan 10)'],
  䓖: [['艹', '穷'], '藭; 10 among 10s (Unihan 13 counts 艸); rime agrees'],
  '𫑡': [['黾', '阝'], '鄳; 10 among 10s (= Unihan); rime agrees on 黾'],
  '𬘫': [['纟', '完'], '綄; 10, last of the 10s (= Unihan)'],
  䓫: [['艹', '奇'], '艹 over 奇; 11 among 11s (Unihan 14 counts 艸); rime agrees'],
  䓬: [['艹', '卓'], '艹 over 卓; 11 among 11s (Unihan 14 counts 艸); rime agrees'],
  䓨: [['艹', '冖', '缶'], '罃 simplified (荧 top over 缶); 11 among 11s (Unihan 14); rime agrees'],
  䓛: [['艹', '屈'], '艹 over 屈; 11 among 11s (Unihan 14 counts 艸); rime agrees'],
  '𫟼': [['钅', '达'], '鐽; 11 among 11s (Unihan 12); rime agrees'],
  '𬍡': [['汤', '玉'], '璗: 汤 over 玉; 11 among 11s (= Unihan)'],
  '𬯎': [['阝', '贵'], '隤; 11 among 11s (Unihan 12 counts 阝 as 3)'],
  '𬭊': [['钅', '杜'], '钅+杜; 12 among 12s (= Unihan)'],
  '𬱟': [['危', '页'], '頠; 12 among 12s (= Unihan)'],
  '𫷷': [['广', '钦'], '廞; 12 among 12s (= Unihan)'],
  '𬴃': [['马L', '砉'], '騞; 12 among 12s (= Unihan)'],
  '𬪩': [['酉', '农'], '醲; 13 among 13s (= Unihan)'],
  '𬒔': [['石', '肯'], '石+肯; 13 among 13s (= Unihan)'],
  '𬭛': [['钅', '波'], '钅+波; 13 among 13s (= Unihan)'],
  '𬕂': [['⺮', '贡'], '篢; 13 among 13s (= Unihan)'],
  '𫞩': [['王L', '艹两'], '璊; 14 among 14s (Unihan 15); rime agrees'],
  '𬸘': [
    ['=1', '日', '女', '=O', '鸟'],
    '鶠: 匽 (匚 横 first, 竖折 last, around 日 女) over 鸟; 14 among 14s (= Unihan)',
  ],
  '𥔲': [['石', '口', '口', '亏'], '石+咢; 14 among 14s (Unihan 15); rime agrees'],
  '𨱏': [['钅', '艹', '合'], '鎝 (钅+荅); 14 among 14s (Unihan 15); rime agrees'],
  '𬸚': [['狱', '鸟'], '鸑; 14 among 14s (= Unihan)'],
  㮾: [['朗', '木'], '朗 over 木; 14 among 14s (Unihan 15); rime agrees'],
  '𬸣': [['骞头', '鸟'], '鶱: 寒 top over 鸟; 15 among 15s (= Unihan)'],
  '𫟦': [['车L', '遂'], '䡵; 16 among 16s (Unihan 17); rime agrees'],
  '𬭬': [['钅', '彗'], '鏏 (钅+彗, not 惠); 16 among 16s (= Unihan)'],
  '𨱑': [['钅', '黄'], '鐄; 16 among 16s (Unihan 17); rime agrees'],
  '𬭶': [['钅', '黑'], '钅+黑; 17 among 17s (= Unihan)'],
  '𬶨': [['既', '鱼'], '鱀: 既 over 鱼; 17 among 17s (= Unihan)'],
  '𬟁': [['艹', '鬲', '鸟'], '虉 (艹 over 鹝); 18 among 18s (= Unihan)'],
  '𬙊': [['纟', '墨'], '纆; 18, last of the 18s (Unihan 17)'],
};
/**
 * Characters that had a sequence the table order proved wrong (the build's table-order check failed
 * on them); each replaced by its composition, read off the rendered glyph.
 */
const TABLE_CORRECTIONS: Record<string, [string[], string]> = {
  涐: [['氵', '我'], 'both sources wrote 我 横 撇 … (4413151534); 我 is 撇 横 竖钩 提 斜钩 撇 点'],
  '𫟅': [['纟', '京'], '綡: 京 ends with 小 (竖钩 撇 点), the data had 折 for 竖钩'],
  '𡎚': [['土L', '扁'], '土+扁: 户 starts with 点, the data had 撇'],
  '𦭜': [['艹', '口', '八'], 'the glyph is 艹 over 口 over 八: 8 among 8s (rime/Unihan 9 write 廿)'],
  䢼: [['共', '阝'], '共+阝: 8 among 8s (rime and Unihan count 阝 as 3)'],
  䢺: [['出', '阝'], '出+阝: 7 among 7s (rime and Unihan count 阝 as 3; rime also starts 出 with 竖)'],
  䣘: [['堂', '阝'], '堂+阝: 13 among 13s (rime and Unihan count 阝 as 3)'],
  㘎: [['口', '阚'], '口+阚: 17 among 17s (rime/Unihan 18)'],
  䗴: [['虫L', '⺮', '延'], '虫+筵: 18 among 18s (rime/Unihan 19 write 延 with 7 strokes)'],
};
/** A rime code chosen over the one matching Unihan's total, because the table position shows the count. */
const RIME_CHOICE: Record<string, [string, string]> = {
  '𠳐': ['251111352', '9 among 9s: rime has a 9-stroke code (阝 as 2) and a 10-stroke one (阝 as 3, = Unihan)'],
};
/** kRSUnicode radical → a cnchar-order character that starts with its form, and the form's strokes. */
const RADICAL_SHAPE_SAMPLES: Record<string, [string, number]> = {
  '85': ['沙', 3],
  '64': ['打', 3],
  "120'": ['纱', 3],
  "149'": ['记', 2],
  "167'": ['钉', 5],
  '9': ['们', 2],
  '145': ['袄', 5],
  '170': ['陈', 2],
  "184'": ['饭', 3],
  '94': ['狗', 3],
  '113': ['社', 4],
  '15': ['冰', 2],
  '96': ['理', 4],
  '157': ['跑', 7],
  '130': ['肝', 4],
  '38': ['好', 3],
};
/** Strokes of the simplified radical forms (kRSUnicode numbers with '): 纟 3, 讠 2, 钅 5, 鸟 5, 鱼 8 … */
const SIMPLIFIED_RADICAL_STROKES: Record<string, number> = {
  '90': 3,
  '120': 3,
  '147': 4,
  '149': 2,
  '154': 4,
  '159': 4,
  '162': 3,
  '167': 5,
  '168': 4,
  '169': 3,
  '178': 4,
  '181': 6,
  '182': 4,
  '183': 3,
  '184': 3,
  '187': 3,
  '195': 8,
  '196': 5,
  '197': 7,
  '199': 7,
  '201': 11,
  '205': 8,
  '210': 6,
  '211': 8,
  '212': 5,
  '213': 7,
};
/** Strokes of the same radicals' traditional forms (爿 糸 見 言 貝 車 辵 金 長 門 韋 頁 風 飛 食 馬 魚 鳥 鹵 麥 黃 黽 齊 齒 龍 龜). */
const TRADITIONAL_RADICAL_STROKES: Record<string, number> = {
  '90': 4,
  '120': 6,
  '147': 7,
  '149': 7,
  '154': 7,
  '159': 7,
  '162': 7,
  '167': 8,
  '168': 8,
  '169': 8,
  '178': 9,
  '181': 9,
  '182': 9,
  '183': 9,
  '184': 9,
  '187': 10,
  '195': 11,
  '196': 11,
  '197': 11,
  '199': 11,
  '201': 12,
  '205': 13,
  '210': 14,
  '211': 15,
  '212': 16,
  '213': 16,
};

function main() {
  const src = sourceDir();
  const require = createRequire(import.meta.url);
  const orderJs = readFileSync(require.resolve('cnchar-order'), 'utf8');
  const tables = [...orderJs.matchAll(/JSON\.parse\('(\{.*?\})'\)/g)].map((m) => JSON.parse(m[1]));
  const order = tables.find((t) => t['一']) as Record<string, string>;
  const shapes = tables.find((t) => t.j?.name === '横') as Record<string, { name: string }>;
  if (!order || !shapes) throw new Error('cnchar-order layout changed');
  // The letters' meaning is checked against cnchar-order's own shape table, so a changed release fails here.
  const EXPECTED_NAMES: Record<string, string> = {
    j: '横',
    i: '提',
    f: '竖',
    g: '竖钩',
    s: '撇',
    k: '点',
    d: '点2',
    l: '捺',
    c: '横折',
    r: '横折钩',
    p: '横折提',
    a: '横折折撇',
    q: '横折折折',
    h: '竖提',
    b: '竖弯',
    u: '竖弯钩',
    z: '竖折折钩',
    m: '撇点',
    n: '撇折',
    t: '弯钩',
    o: '横斜钩',
    e: '横撇|横钩',
    v: '横折折|横折弯',
    w: '横折折折钩|横撇弯钩',
    x: '竖折撇|竖折折',
    y: '斜钩|卧钩',
  };
  for (const [l, name] of Object.entries(EXPECTED_NAMES))
    if (shapes[l]?.name !== name) throw new Error(`cnchar-order letter ${l} is ${shapes[l]?.name}, expected ${name}`);

  const tgh: { ch: string; n: number }[] = [];
  for (const line of bzcat(findFile(src, 'Unihan_OtherMappings.txt.bz2')).split('\n')) {
    const p = line.split('\t');
    if (p[1] === 'kTGH' && p[0].startsWith('U+')) tgh.push({ ch: fromU(p[0]), n: Number(p[2].split(':')[1]) });
  }
  tgh.sort((a, b) => a.n - b.n);
  const total = new Map<string, number>();
  for (const line of bzcat(findFile(src, 'Unihan_IRGSources.txt.bz2')).split('\n')) {
    const p = line.split('\t');
    if (p[1] === 'kTotalStrokes' && p[0].startsWith('U+')) total.set(fromU(p[0]), Number(p[2].split(' ')[0]));
  }
  // Unihan's kTotalStrokes counts some Ext. A simplified characters with the traditional radical
  // (䴓 = 15 with 鳥, but 9 with 鸟); kRSUnicode marks the simplified radical with ', so the zh-Hans
  // total is that radical's strokes plus the residual strokes.
  const rsTotal = new Map<string, number>();
  const radicalOf = new Map<string, string>();
  for (const line of bzcat(findFile(src, 'Unihan_IRGSources.txt.bz2')).split('\n')) {
    const p = line.split('\t');
    if (p[1] !== 'kRSUnicode' || !p[0].startsWith('U+')) continue;
    radicalOf.set(fromU(p[0]), p[2].split(' ')[0].split('.')[0]);
    const m = /^(\d+)'\.(-?\d+)$/.exec(p[2].split(' ')[0]);
    if (!m || SIMPLIFIED_RADICAL_STROKES[m[1]] === undefined) continue;
    const ch = fromU(p[0]);
    // Only when kTotalStrokes is exactly "traditional radical + residual" (otherwise trust it: the
    // residual itself is sometimes off by one, e.g. 鲾).
    if (total.get(ch) === TRADITIONAL_RADICAL_STROKES[m[1]] + Number(m[2]))
      rsTotal.set(ch, SIMPLIFIED_RADICAL_STROKES[m[1]] + Number(m[2]));
  }
  const gSource = new Set<string>();
  for (const line of bzcat(findFile(src, 'Unihan_IRGSources.txt.bz2')).split('\n')) {
    const p = line.split('\t');
    // Modern mainland sources only: not the classical dictionaries and corpora (GKX 康熙字典, GHZ/GHZR 汉语大字典,
    // GZJW 殷周金文集成, GZFY 汉语方言大词典), whose characters do not occur in today's names.
    if (p[1] === 'kIRG_GSource' && p[0].startsWith('U+') && !/^G(KX|HZR?|ZJW|ZFY)-/.test(p[2]))
      gSource.add(fromU(p[0]));
  }
  const hansTotal = (ch: string) => rsTotal.get(ch) ?? total.get(ch);
  const rime = new Map<string, string[]>();
  for (const line of readFileSync(findFile(src, 'stroke.dict.yaml'), 'utf8').split('\n')) {
    const p = line.split('\t');
    if (p.length >= 2 && [...p[0]].length === 1 && /^[hspnz]+$/.test(p[1])) {
      const list = rime.get(p[0]) ?? [];
      list.push(p[1]);
      rime.set(p[0], list);
    }
  }

  const seq = new Map<string, string>();
  const origin = { cnchar: 0, rime: 0 };
  // rime-stroke codes have classes only. Where the character's radical (kRSUnicode) is one whose form
  // is the same wherever it starts a character (氵 扌 纟 讠 钅 亻 衤 阝 饣 犭 礻 冫 王 足 ⺼ 女) and the code
  // starts with that form's classes, the form's shapes are taken from a sample character (提, 撇折,
  // 横折提, 竖提, 横撇弯钩 …); the rest of the code stays classes only (still estimated).
  let prefixed = 0;
  const radicalForms = new Map(
    Object.entries(RADICAL_SHAPE_SAMPLES).map(([radical, [sampleChar, n]]) => [
      radical,
      cncharToCode(order[sampleChar], shapes).slice(0, n),
    ]),
  );
  const withRadicalShapes = (ch: string, code: string): string => {
    const form = radicalForms.get(radicalOf.get(ch) ?? '');
    if (!form) return code;
    const n = form.length;
    if (!classesOf(code).startsWith(classesOf(form))) return code;
    prefixed++;
    return form + code.slice(n);
  };
  for (const [ch, letters] of Object.entries(order)) {
    if ([...ch].length !== 1 || !/\p{Script=Han}/u.test(ch)) continue;
    seq.set(ch, cncharToCode(letters, shapes));
  }
  // Where cnchar-order and rime-stroke disagree (37 of the 6,770), each case was checked by hand
  // against the components' standard orders; these are the ones where cnchar-order is wrong and a
  // rime code is right. The code must be one rime has: nothing here is invented.
  for (const [ch, code] of Object.entries(CNCHAR_CORRECTIONS)) {
    if (!(rime.get(ch) ?? []).some((r) => classesOf(r) === classesOf(code)))
      throw new Error(`correction for ${ch} is not a rime-stroke code`);
    seq.set(ch, code);
  }
  const general = tgh.map((t) => t.ch);
  const countOnly = new Map<string, number>();
  for (const ch of general) {
    if (seq.has(ch)) {
      origin.cnchar++;
      continue;
    }
    const want = hansTotal(ch);
    const codes = (rime.get(ch) ?? []).filter((c) => c.length === want);
    if (codes.length) {
      seq.set(ch, withRadicalShapes(ch, codes[codes.length - 1]));
      origin.rime++;
    } else if (want) countOnly.set(ch, want);
    else throw new Error(`no stroke count at all for ${ch}`);
  }

  // Level-3 characters neither source has (mostly CJK Ext. B–F simplified forms for names and
  // places), composed from their components: each decomposition was read off the rendered glyph
  // (Noto Serif SC) and must add up to the character's zh-Hans total, or the build fails.
  // A radical form takes its sample character's codes (shapes: 提, 竖钩 …), the classes being checked
  // against RADICAL_FORMS below.
  const partCode = (part: string): string => {
    if (RADICAL_FORMS[part]) return seq.get(RADICAL_SAMPLES[part])!.slice(0, RADICAL_FORMS[part].length);
    const derived = DERIVED_PARTS[part];
    if (derived) {
      const whole = seq.get(derived[0]);
      if (!whole) throw new Error(`no sequence for ${derived[0]} (to derive ${part})`);
      return whole.slice(derived[1], whole.length - (derived[2] ?? 0));
    }
    const code = seq.get(part);
    if (!code) throw new Error(`no sequence for component ${part}`);
    return code;
  };
  for (const [form, sample] of Object.entries(RADICAL_SAMPLES)) {
    const code = seq.get(sample);
    if (!code || !classesOf(code).startsWith(RADICAL_FORMS[form]))
      throw new Error(`radical form ${form}=${RADICAL_FORMS[form]} does not start ${sample}`);
  }
  const compose = (parts: string[]) => parts.map((p) => (p.startsWith('=') ? p.slice(1) : partCode(p))).join('');
  let composedCount = 0;
  for (const [ch, parts] of Object.entries(COMPOSED)) {
    if (seq.has(ch) || !countOnly.has(ch)) throw new Error(`${ch} is not a count-only general-standard character`);
    const code = compose(parts);
    const want = hansTotal(ch);
    if (code.length !== want)
      throw new Error(`composition of ${ch} (${parts.join('+')}) has ${code.length} strokes, Unihan says ${want}`);
    seq.set(ch, code);
    countOnly.delete(ch);
    composedCount++;
  }
  // The rest: their count comes from the table position (checked below with the whole table), so a
  // difference from Unihan's total is allowed here and reported.
  const unihanOverridden: string[] = [];
  for (const [ch, [parts]] of Object.entries(COMPOSED_FROM_TABLE)) {
    if (seq.has(ch) || !countOnly.has(ch)) throw new Error(`${ch} is not a count-only general-standard character`);
    const code = compose(parts);
    if (code.length !== hansTotal(ch)) unihanOverridden.push(`${ch}${hansTotal(ch)}→${code.length}`);
    seq.set(ch, code);
    countOnly.delete(ch);
    composedCount++;
  }
  // Independent agreement: rime-stroke codes (of any length) with exactly the composed class sequence.
  const rimeAgrees = Object.keys(COMPOSED_FROM_TABLE).filter((ch) =>
    (rime.get(ch) ?? []).some((c) => classesOf(c) === classesOf(seq.get(ch)!)),
  );
  for (const [ch, [parts]] of Object.entries(TABLE_CORRECTIONS)) {
    if (!seq.has(ch)) throw new Error(`correction for ${ch}, which has no sequence`);
    const code = compose(parts);
    if (code === seq.get(ch)) throw new Error(`correction for ${ch} changes nothing`);
    seq.set(ch, code);
  }
  for (const [ch, [classes]] of Object.entries(RIME_CHOICE)) {
    const code = (rime.get(ch) ?? []).find((r) => classesOf(r) === classes);
    if (!code) throw new Error(`rime choice for ${ch} is not a rime-stroke code`);
    seq.set(ch, code);
  }

  // Table-order check: the 通用规范汉字表 orders each level by total strokes, then stroke classes in
  // writing order (the GF 3003 principle). Every character must fall between its neighbours (ties
  // allowed: the finer rules are checked by test/order/table-order.test.ts), except the documented
  // TABLE_MISPLACED ones. This is the second, independent check of every sequence and count.
  const tableKey = (ch: string) => String(seq.get(ch)!.length).padStart(2, '0') + classesOf(seq.get(ch)!);
  const violations: string[] = [];
  for (const [from, to] of [
    [0, 3500],
    [3500, 6500],
    [6500, general.length],
  ]) {
    const level = general.slice(from, to).filter((ch) => seq.has(ch) && !TABLE_MISPLACED[ch]);
    for (let i = 1; i < level.length; i++) {
      if (tableKey(level[i - 1]) > tableKey(level[i]))
        violations.push(`${level[i - 1]}${seq.get(level[i - 1])} > ${level[i]}${seq.get(level[i])}`);
    }
  }
  if (violations.length) throw new Error(`table order violated:\n${violations.join('\n')}`);
  for (const ch of Object.keys(TABLE_MISPLACED)) if (!seq.has(ch)) throw new Error(`misplaced ${ch} has no sequence`);

  // Finer levels, checked against the table order as well. Inside one level the table is in GF 3003
  // order, so for two adjacent characters with the same count and classes (a tie of rules 1–2):
  //   shape     rule 3: the first stroke whose shape differs decides (main shape before its variant,
  //             折 in GF 2001-2001 order); 'estimated' where one of them has rime data (no shapes) or
  //             the 横撇/横钩 that cnchar-order does not tell apart;
  //   relation  identical data: the standard's next rules (笔画组合关系 相离 < 相接 < 相交, then structure)
  //             are in no stroke data; the table's own order is kept as the character's tie rank.
  const shapeKey = (ch: string) => tableKey(ch) + shapeRanksOfCode(seq.get(ch)!);
  const groups = new Map<string, string[]>();
  for (const ch of general) {
    const k = shapeKey(ch);
    const g = groups.get(k);
    if (g) g.push(ch);
    else groups.set(k, [ch]);
  }
  const tieGroups = [...groups.values()].filter((g) => g.length > 1);
  if (tieGroups.some((g) => g.length > 36)) throw new Error('a tie group too large for one rank character');
  const tieRank = new Map<string, number>();
  for (const g of tieGroups) g.forEach((ch, i) => tieRank.set(ch, i));
  const fullKey = (ch: string) => shapeKey(ch) + String.fromCharCode(48 + (tieRank.get(ch) ?? 0));
  const tieLines: string[] = [];
  const shapeAgainst: string[] = [];
  const stats: string[] = [];
  const describe = (a: string, b: string) => `${a} ${describeCode(seq.get(a)!)} | ${b} ${describeCode(seq.get(b)!)}`;
  LEVELS.forEach(([from, to], li) => {
    const level = general.slice(from, to).filter((ch) => !TABLE_MISPLACED[ch]);
    const n = { count: 0, classes: 0, shape: 0, shapeEstimated: 0, relation: 0, against: 0 };
    for (let i = 1; i < level.length; i++) {
      const [a, b] = [level[i - 1], level[i]];
      if (seq.get(a)!.length !== seq.get(b)!.length) n.count++;
      else if (tableKey(a) !== tableKey(b)) n.classes++;
      else if (shapeKey(a) === shapeKey(b)) {
        n.relation++;
        tieLines.push(`| ${li + 1} | ${a}${b} | relation (identical data: the table's order) | ${describe(a, b)} |`);
      } else {
        const estimated = !shapesKnown(seq.get(a)!) || !shapesKnown(seq.get(b)!);
        const agrees = fullKey(a) < fullKey(b);
        if (!agrees) {
          n.against++;
          shapeAgainst.push(a + b);
        } else if (estimated) n.shapeEstimated++;
        else n.shape++;
        const rule = agrees ? (estimated ? 'shape (estimated shapes)' : 'shape') : 'AGAINST the table';
        tieLines.push(
          `| ${li + 1} | ${a}${b} | ${rule}: ${firstShapeDifference(seq.get(a)!, seq.get(b)!)} | ${describe(a, b)} |`,
        );
      }
    }
    stats.push(
      `level ${li + 1}: ${level.length - 1} adjacent pairs: by count ${n.count}, by classes ${n.classes}, by shape ${n.shape} + ${n.shapeEstimated} estimated, by relation (table) ${n.relation}, against ${n.against}`,
    );
  });
  if (process.argv.includes('--shape-evidence')) {
    const ev = new Map<string, number>();
    for (const [from, to] of LEVELS) {
      const level = general.slice(from, to).filter((ch) => !TABLE_MISPLACED[ch]);
      for (let i = 1; i < level.length; i++) {
        const [a, b] = [seq.get(level[i - 1])!, seq.get(level[i])!];
        if (tableKey(level[i - 1]) !== tableKey(level[i]) || !shapesKnown(a) || !shapesKnown(b)) continue;
        for (let j = 0; j < a.length; j++)
          if (a[j] !== b[j]) {
            const k = STROKE_SHAPES[a[j]] + '<' + STROKE_SHAPES[b[j]];
            ev.set(k, (ev.get(k) ?? 0) + 1);
            break;
          }
      }
    }
    console.log(
      [...ev]
        .sort()
        .map(([k, n]) => `${k} ${n}`)
        .join('\n'),
    );
  }
  const unlisted = shapeAgainst.filter((p) => !SHAPE_ORDER_EXCEPTIONS[p]);
  const stale = Object.keys(SHAPE_ORDER_EXCEPTIONS).filter((p) => !shapeAgainst.includes(p));
  if (unlisted.length || stale.length)
    throw new Error(
      `shape order against the table: unlisted ${unlisted.join(' ')}; listed but no longer against ${stale.join(' ')}`,
    );

  // Characters outside the 8105: CJK Unified Ideographs (URO), Ext. A, compatibility ideographs, and
  // the Ext. B–H characters with a modern mainland (G) source, e.g. GIDC (the ID-card system), GDM
  // (place names), GCH, GBK, G4K …: the rare characters of names and places. A
  // rime-stroke code of exactly Unihan's zh-Hans total gives the class sequence (estimated: not
  // checked against any table); otherwise the total only.
  const extraSeq = new Map<string, string>();
  const extra = new Map<string, number>();
  for (const [ch, n] of total) {
    if (seq.has(ch) || countOnly.has(ch)) continue;
    const cp = ch.codePointAt(0)!;
    const bmp = (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff);
    if (!bmp && !(cp >= 0x20000 && gSource.has(ch))) continue;
    const want = hansTotal(ch) ?? n;
    const codes = (rime.get(ch) ?? []).filter((c) => c.length === want);
    if (codes.length) extraSeq.set(ch, withRadicalShapes(ch, codes[codes.length - 1]));
    else extra.set(ch, want);
  }

  const entries = (sequences: Map<string, string>, countsOnly: Map<string, number>): [string, PackedEntry][] => [
    ...[...sequences].map(([ch, code]): [string, PackedEntry] => [ch, { count: code.length, code }]),
    ...[...countsOnly].map(([ch, count]): [string, PackedEntry] => [ch, { count, code: '' }]),
  ];
  const packed = (t: PackedTable) =>
    `{\n  bmp: ${JSON.stringify(t.bmp)},\n  astral: ${JSON.stringify(t.astral)},\n  counts: ${JSON.stringify(t.counts)},\n  codes: ${JSON.stringify(t.codes)},\n}`;

  const header = `// GENERATED by scripts/build-stroke-table.ts from cnchar-order (MIT), rime-data-stroke (LGPL-3) and
// Unihan 15.0 (Unicode licence); see ./README.md. Do not edit by hand: re-run the script.
// Read through core/order/packed-table.ts by core/order/stroke-data.ts only.
`;
  writeFileSync(
    path.join(outDir, 'stroke-table.ts'),
    `${header}import type { PackedTable } from '../packed-table';

/**
 * The 8105 通用规范汉字 (and the components the build composes them from): stroke count and one code
 * per stroke (../stroke-shapes.ts): 1 横 a 提 | 2 竖 b 竖钩 | 3 撇 | 4 点 d 捺 | A–Y the 折 shapes in
 * GF 2001-2001 order, Z 横撇 or 横钩 | h s p n z rime-stroke classes (横类 竖类 撇 点类 折类), shape unknown.
 */
export const STROKE_TABLE: PackedTable = ${packed(packTable(entries(seq, countOnly)))};

/**
 * Characters of the 8105 whose count, classes and shapes are identical, each group in the table's
 * order (GF 3003's stroke relations and structure, which no stroke data holds): the position in the
 * group is the character's tie rank.
 */
export const TIE_GROUPS: readonly string[] = ${JSON.stringify(tieGroups.map((g) => g.join('')))};
`,
  );
  writeFileSync(
    path.join(outDir, 'stroke-table-extra.ts'),
    `${header}import type { PackedTable } from '../packed-table';

/**
 * Characters outside the 8105 (URO, Ext. A, compatibility, Ext. B–H with a modern mainland source):
 * a rime-stroke class sequence (h 横类 s 竖类 p 撇 n 点类 z 折类) of Unihan's total where there is one
 * (estimated: checked against no table), else Unihan's total only.
 */
export const EXTRA_TABLE: PackedTable = ${packed(packTable(entries(extraSeq, extra)))};
`,
  );
  writeFileSync(
    path.join(outDir, 'general-standard-chars.ts'),
    `${header}
/** The 8105 通用规范汉字 (2013) in table order (Unihan kTGH): 1–3500 level 1, 3501–6500 level 2, 6501–8105 level 3. */
export const GENERAL_STANDARD_CHARS = ${JSON.stringify(general.join(''))};
`,
  );
  writeFileSync(
    path.join(outDir, 'TIES.md'),
    `<!-- GENERATED by scripts/build-stroke-table.ts: do not edit. -->
# Ties of GF 3003 rules 1–2 in the 通用规范汉字表, and the rule that breaks each

Adjacent characters of one level with the same stroke count and the same stroke classes. 'shape':
GF 3003 rule 3 (main shape before variant; 折 in GF 2001-2001 order), at the first stroke whose shape
differs; 'estimated': one side has rime-stroke data (classes only) or cnchar-order's 横撇/横钩; 'relation':
identical stroke data, the table's own order (笔画组合关系 and structure) is kept as the tie rank.

${stats.map((l) => `- ${l}`).join('\n')}

| level | pair | rule | strokes |
|---|---|---|---|
${tieLines.join('\n')}
`,
  );
  const covered = general.filter((c) => seq.has(c)).length;
  const rimeShapes = general.filter((c) => !shapesKnown(seq.get(c)!)).length;
  console.log(
    `8105 通用规范汉字: ${general.length}; with stroke sequence: ${covered} (${((covered / general.length) * 100).toFixed(2)}%) = cnchar-order ${origin.cnchar} + rime ${origin.rime} + composed ${composedCount}; count only: ${countOnly.size}; sequences total ${seq.size}`,
  );
  console.log(`rime codes given their radical's shapes: ${prefixed}`);
  console.log(
    `shapes: ${general.length - rimeShapes} with every stroke's shape, ${rimeShapes} with some shape unknown (rime classes or 横撇/横钩); cnchar pairs resolved: ${JSON.stringify(resolved)}`,
  );
  console.log(
    `outside the 8105: ${extraSeq.size} with a rime class sequence (estimated), ${extra.size} with the total only`,
  );
  console.log(`count only: ${[...countOnly.keys()].join('') || '(none)'}`);
  console.log(`totals from the table position instead of Unihan: ${unihanOverridden.join(' ')}`);
  console.log(
    `rime-stroke has the same class sequence for ${rimeAgrees.length} of the ${Object.keys(COMPOSED_FROM_TABLE).length} composed from the table: ${rimeAgrees.join('')}`,
  );
  console.log(
    `table order: every level in stroke-class order except the ${Object.keys(TABLE_MISPLACED).length} documented misplaced characters`,
  );
  for (const l of stats) console.log(l);
  console.log(
    `tie groups (identical data, table order kept): ${tieGroups.length}; shape order against the table (listed exceptions): ${shapeAgainst.join(' ') || '(none)'}`,
  );
  if (!existsSync(outDir)) throw new Error('no output dir');
}

const LEVELS: [number, number][] = [
  [0, 3500],
  [3500, 6500],
  [6500, 8105],
];

/** 丁 → "横 竖钩" style description of a code. */
function describeCode(code: string): string {
  return [...code].map((c) => STROKE_SHAPES[c] ?? c).join(' ');
}

/** Where two codes of the same classes first differ in shape, e.g. "stroke 1: 横折 < 横撇或横钩". */
function firstShapeDifference(a: string, b: string): string {
  const ra = shapeRanksOfCode(a);
  const rb = shapeRanksOfCode(b);
  for (let i = 0; i < ra.length; i++) {
    if (ra[i] !== rb[i])
      return `stroke ${i + 1}: ${STROKE_SHAPES[a[i]]} ${ra[i] < rb[i] ? '<' : '>'} ${STROKE_SHAPES[b[i]]}`;
  }
  return 'identical';
}

main();
