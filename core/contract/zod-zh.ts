// Chinese messages for zod issues at the contract boundary (issue 13, point 7): a clerk reads
// "名称：不能超过 200 个字符", never "Too big: expected string to have <=200 characters" inside a
// Chinese sentence. Messages a schema sets itself (e.g. '日期格式应为 YYYY-MM-DD') still win.
// Installed once as zod's global error map and passed to every parse the dispatcher does.
import { z } from 'zod';

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '是或否',
  object: '对象',
  array: '列表',
  date: '日期',
  null: '空值',
  undefined: '未填写',
  nan: '非数字',
  map: '映射',
  set: '集合',
  file: '文件',
  function: '函数',
  symbol: '符号',
};

const typeName = (t: unknown) => TYPE_NAMES[String(t)] ?? String(t);

function received(input: unknown): string {
  if (input === undefined) return '未填写';
  if (input === null) return '空值';
  if (Array.isArray(input)) return '列表';
  if (typeof input === 'number') return Number.isNaN(input) ? '非数字' : Number.isInteger(input) ? '整数' : '数字';
  return typeName(typeof input);
}

type Issue = {
  code?: string;
  input?: unknown;
  expected?: unknown;
  origin?: unknown;
  maximum?: unknown;
  minimum?: unknown;
  inclusive?: boolean;
  format?: string;
  values?: unknown[];
  keys?: string[];
  divisor?: unknown;
};

function bound(iss: Issue, big: boolean): string {
  const n = String(big ? iss.maximum : iss.minimum);
  const origin = String(iss.origin);
  const incl = iss.inclusive !== false;
  if (origin === 'string') return big ? `不能超过 ${n} 个字符` : Number(n) <= 1 ? '不能为空' : `至少 ${n} 个字符`;
  if (origin === 'array' || origin === 'set') return big ? `不能超过 ${n} 项` : `至少 ${n} 项`;
  if (origin === 'file') return big ? `不能超过 ${n} 字节` : `至少 ${n} 字节`;
  if (big) return incl ? `不能大于 ${n}` : `必须小于 ${n}`;
  if (Number(n) === 0 && !incl) return '必须大于 0';
  return incl ? `不能小于 ${n}` : `必须大于 ${n}`;
}

/** zod's error map in Chinese; undefined leaves the message to zod (schema-set messages win first). */
export const zhErrorMap: z.core.$ZodErrorMap = (raw) => {
  const iss = raw as Issue;
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? '必须填写' : `应为${typeName(iss.expected)}，收到的是${received(iss.input)}`;
    case 'too_big':
      return bound(iss, true);
    case 'too_small':
      return bound(iss, false);
    case 'invalid_format':
      return iss.format === 'regex' ? '格式不正确' : `格式不正确（应为 ${iss.format}）`;
    case 'not_multiple_of':
      return `必须是 ${String(iss.divisor)} 的整数倍`;
    case 'invalid_value':
      return `应为以下之一：${(iss.values ?? []).map((v) => JSON.stringify(v)).join('、')}`;
    case 'unrecognized_keys':
      return `有无法识别的字段：${(iss.keys ?? []).join('、')}`;
    case 'invalid_union':
      return '内容不符合任何一种允许的格式';
    case 'invalid_key':
      return '键名无效';
    case 'invalid_element':
      return '其中有无效的项';
    case 'custom':
      return '内容无效';
    default:
      return undefined;
  }
};

let installed = false;
/** Makes zhErrorMap zod's global error map (idempotent). */
export function installChineseZodErrors(): void {
  if (installed) return;
  installed = true;
  z.config({ localeError: zhErrorMap });
}
