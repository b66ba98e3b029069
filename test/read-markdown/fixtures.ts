// Markdown fixtures for the reader's golden tests: one small document per feature, written here
// (never copied from the corpus). Binary bits (PNG, JPEG) are built in code so the fixtures stay
// readable. Each fixture's expected SourceDoc lives in golden/<name>.json.
import type { ReadMarkdownOptions } from '../../core/read/markdown';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A valid 1×1 PNG (real IHDR/IDAT/IEND, CRCs included). */
export const PNG_1x1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** A minimal baseline JPEG header (SOI, APP0, SOF0 of 320×200, EOI): enough for size detection. */
export function jpegHeader(width: number, height: number): Uint8Array {
  const app0 = [
    0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
  ];
  const sof0 = [
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    0x03,
    0x01,
    0x22,
    0x00,
    0x02,
    0x11,
    0x01,
    0x03,
    0x11,
    0x01,
  ];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0, 0xff, 0xd9]);
}

export interface Fixture {
  name: string;
  text: string;
  opts?: ReadMarkdownOptions;
}

export const FIXTURES: Fixture[] = [
  {
    name: 'front-matter',
    text: [
      '---',
      'title: 关于推动齐文化“活起来”的建议',
      'author: "市政协常委 韩喜"',
      'date: 2023-09-20',
      '---',
      '',
      '# 关于推动齐文化“活起来”的建议',
      '',
      '齐文化源远流长。',
      '',
    ].join('\n'),
  },
  {
    name: 'title-from-heading',
    text: [
      '# 稷下学宫遗址保护利用的几点思考',
      '',
      '民盟××市委会',
      '',
      '稷下学宫是战国时期齐国的官办高等学府。',
      '',
    ].join('\n'),
  },
  {
    name: 'headings',
    text: [
      '## 一、基本情况',
      '### （一）主要做法',
      '#### 1.完善顶层设计',
      '##### （1）编制专项规划',
      '## 无编号标题',
      '# 文中的一级标题',
      '### 其他标题按层级',
      '#### 第三层',
      '###### 第六层',
      '',
      '二、存在的问题',
      '',
      '（二）人才支撑不足',
      '',
      '3.加强资金保障',
      '',
      '4．强化督查落实',
      '',
      '（2）出台扶持政策',
      '',
      '（一）加强保护。近年来，我市不断加大遗址保护力度，取得明显成效。',
      '',
      '一、这是一个很长的段落虽然以一、开头但是它的长度已经超过了四十个字所以不应当被当作标题来处理的情况',
      '',
      '1.5亿元的投入带动了文旅发展。',
      '',
      'Setext 标题',
      '===========',
      '',
      '三、对策建议',
      '------------',
      '',
    ].join('\n'),
  },
  {
    name: 'inline',
    text: [
      '这是**加粗**、*斜体*和***粗斜体***，面积1.2万m^2^，排放CO~2~，~~删除线~~文字保留。',
      '中文软换行',
      '直接相连，English soft',
      'break keeps a space，`code` 保留，[链接文字](http://example.com)只留文字。',
      '',
      '硬换行在此  ',
      '第二行\\',
      '第三行',
      '',
      '转义的 \\*星号\\* 和 2^10 与 a~b 不变。',
      '',
    ].join('\n'),
  },
  {
    name: 'lists',
    text: [
      '1. 加强规划引领',
      '2. 加大资金投入',
      '   - 设立专项资金',
      '   - 引导社会资本',
      '     1. 以奖代补',
      '3. 推动融合发展',
      '',
      '   第二段落属于第三项。',
      '',
      '- 第一条',
      '* 第二条（换了标记，新列表）',
      '',
      '1) 甲',
      '2) 乙',
      '',
      '5. 从五开始',
      '6. 接着六',
      '',
    ].join('\n'),
  },
  {
    name: 'tables',
    text: [
      '表1　2021—2023年主要景区接待游客情况（单位：万人次）',
      '',
      '| 年份 | 齐国故城遗址博物馆 | **足球博物馆** | 备注 |',
      '|:---:|---:|:---|---|',
      '| 2021年 | 27.7 | 43.1 | |',
      '| 2022年 | 29.1 | 42.6 | 含\\|线上 |',
      '| 2023年 | 44.6 | 73.8 | 同比增长53.3% |',
      '',
      '没有表题的表格：',
      '',
      '| 甲 | 乙 |',
      '|---|---|',
      '| 1 |',
      '',
    ].join('\n'),
  },
  {
    name: 'images',
    text: [
      `图表如下：![柱状图](data:image/png;base64,${PNG_1x1} "图1　接待游客人次") 见上。`,
      '',
      `![照片](data:image/jpeg;base64,${b64(jpegHeader(320, 200))})`,
      '',
      '![本地图片](images/遗址.png)',
      '',
      '![网络图片](http://example.com/x.png)',
      '',
      '![坏图片](data:image/png;base64,bm90IGFuIGltYWdl)',
      '',
      '[点我](javascript:alert(1)) ![x](javascript:alert(1))',
      '',
    ].join('\n'),
  },
  {
    name: 'images-resolved',
    text: ['![本地图片](images/%E9%81%97%E5%9D%80.png "图2　遗址")', '', '![另一张](../secret.png)', ''].join('\n'),
    opts: {
      resolveImage: (src) =>
        src === 'images/遗址.png' ? { mime: 'image/jpeg', data: jpegHeader(640, 480) } : undefined,
    },
  },
  {
    name: 'footnotes',
    text: [
      '据统计，全市接待游客1200万人次[^a]，其中研学游客占12.5%[^b]。',
      '',
      '再次引用同一脚注[^a]，以及没有定义的[^x]。',
      '',
      '| 项目 | 说明 |',
      '|---|---|',
      '| 表内脚注 | 见注[^b] |',
      '',
      '[^b]: 调研组根据问卷整理。',
      '[^a]: 数据来源：《2022年××市国民经济和社会发展统计公报》，',
      '    **加粗**部分为第二行。',
      '[^z]: 没有被引用的脚注。',
      '',
    ].join('\n'),
  },
  {
    name: 'html-inert',
    text: [
      '<script>alert("x")</script>',
      '',
      '正文中的<b>标签</b>和<img src=x onerror=alert(1)>原样保留，&lt;实体&gt;解码。',
      '',
      '<div style="page-break-after: always"></div>',
      '',
    ].join('\n'),
  },
  {
    name: 'crlf-indent',
    text: '\uFEFF---\r\ntitle: 全角缩进\r\n---\r\n\u3000\u3000第一段，使用全角空格缩进。\r\n\u3000\u3000第二段，紧接上一行。\r\n  \u3000\u3000一、基本情况\r\n\u3000\u3000第三段。\r\n',
  },
  {
    name: 'code-and-quote',
    text: [
      '> 引用的段落：“仓廪实而知礼节”。',
      '',
      '```',
      '代码块 <b>原样</b>',
      '  缩进保留',
      '```',
      '',
      '---',
      '',
      '    缩进代码',
      '',
    ].join('\n'),
  },
];
