// `huibian sort`: sorts names read from standard input (one a line; an optional tab-separated second
// column is carried along untouched) by GF 3003 stroke order or pinyin, and writes them to standard
// output. Characters without stroke data are listed on standard error, never silently.
import { sortByPinyin, sortByStroke, type NameOptions } from '../../core/order/names';

const HELP = `用法: huibian sort [--rule stroke|pinyin] [--given-name-blank | --actual-chars] < 名单.txt

从标准输入读取姓名（每行一个，UTF-8；Tab 之后的第二列原样保留），排序后输出到标准输出。
  --rule stroke        按姓氏笔画排序（GF 3003-1999，默认）
  --rule pinyin        按姓氏拼音排序（姓氏读音：单 shàn、曾 zēng、仇 qiú、解 xiè）
  --given-name-blank   单名在第二字位置视为空（田富 在 田大利 之前，默认）
  --actual-chars       单名也按实际字比较（田大利 在 田富 之前）
没有标准笔顺数据的汉字（通用规范汉字表以外）按估计的笔顺或总笔画数排序，并在标准错误中列出。`;

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

export async function run(argv: string[]): Promise<number> {
  let rule: 'stroke' | 'pinyin' = 'stroke';
  const opts: NameOptions = { givenNameBlank: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') {
      console.log(HELP);
      return 0;
    } else if (a === '--rule' || a.startsWith('--rule=')) {
      const v = a.includes('=') ? a.slice(7) : argv[++i];
      if (v !== 'stroke' && v !== 'pinyin') {
        console.error(`sort: 未知的排序方式“${v ?? ''}”（可用：stroke、pinyin）`);
        return 2;
      }
      rule = v;
    } else if (a === '--given-name-blank') opts.givenNameBlank = true;
    else if (a === '--actual-chars') opts.givenNameBlank = false;
    else {
      console.error(`sort: 未知参数 ${a}\n\n${HELP}`);
      return 2;
    }
  }
  const bytes = await readStdin();
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    console.error('sort: 输入不是 UTF-8 编码的文本，请先转换为 UTF-8');
    return 65;
  }
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const rows = lines.map((line) => {
    const tab = line.indexOf('\t');
    return { line, name: (tab >= 0 ? line.slice(0, tab) : line).trim() };
  });
  const r = rule === 'pinyin' ? sortByPinyin(rows, (x) => x.name, opts) : sortByStroke(rows, (x) => x.name, opts);
  process.stdout.write(r.sorted.map((x) => x.line).join('\n') + (r.sorted.length ? '\n' : ''));
  if (r.unknownChars.length) {
    console.error(
      `sort: 以下汉字没有标准笔顺数据，位置按估计的笔顺或总笔画数排出，请人工核对：${r.unknownChars.join(' ')}`,
    );
  }
  return 0;
}
