// File names for exported files that a clerk copies to USB sticks and mails: systematic
// (<section>-<order>-<author>-<title>.pdf), sortable in Windows Explorer, and always legal on
// Windows: no \ / : * ? " < > | or control characters, no trailing dots or spaces, no reserved
// device names (CON, NUL, COM1 …), and short enough for deep folders. Never returns an empty name.
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/** Makes one name part safe; `max` counts characters (CJK names stay readable, not bytes). */
export function sanitizeFileName(name: string, max = 80): string {
  let s = name.normalize('NFC').replace(FORBIDDEN, '_').replace(/\s+/g, ' ').trim();
  const chars = [...s];
  if (chars.length > max) s = chars.slice(0, max).join('').trim();
  s = s.replace(/[. ]+$/u, '');
  if (!s) s = '_';
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/**
 * A file written for a session, named after it so files of two sessions are told apart in a folder
 * or a mail: "<session name, made safe>-<what>", e.g. "十三届一次会议-统计.xlsx".
 */
export function sessionFileName(sessionName: string, what: string): string {
  return `${sanitizeFileName(sessionName, 60)}-${what}`;
}

export interface HandoutNameParts {
  /** 0-based section index (printed 01, 02 … so folders sort in dossier order). */
  sectionIndex: number;
  sectionTitle: string;
  /** 1-based position of the item in its section. */
  order: number;
  author: string;
  title: string;
}

/** "01大会发言-03-韩喜-关于推动齐文化创造性转化的建议.pdf" (at most ~120 characters). */
export function handoutFileName(p: HandoutNameParts, ext = 'pdf'): string {
  const section = sanitizeFileName(`${String(p.sectionIndex + 1).padStart(2, '0')}${p.sectionTitle}`, 20);
  const order = String(p.order).padStart(2, '0');
  const author = sanitizeFileName(p.author || '佚名', 24);
  const title = sanitizeFileName(p.title.replace(/[\r\n]+/g, ' '), 60);
  return `${section}-${order}-${author}-${title}.${ext}`;
}

/** Appends (2), (3) … to names that repeat (case-insensitively, as Windows compares them). */
export function uniqueNames(names: string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const key = n.toLowerCase();
    const k = (seen.get(key) ?? 0) + 1;
    seen.set(key, k);
    if (k === 1) return n;
    const dot = n.lastIndexOf('.');
    return dot > 0 ? `${n.slice(0, dot)}(${k})${n.slice(dot)}` : `${n}(${k})`;
  });
}

/** Names of the print products in a session's outputs (after the session's name; a new export replaces the last). */
export const PRINT_FILE_NAMES = {
  print: '汇编-印刷版.pdf',
  booklet: '汇编-骑马订小册子.pdf',
  copies: '汇编-编号本.pdf',
  register: '分发清退登记表.pdf',
  handouts: '分发材料.pdf',
  screen: '汇编-屏幕阅读版.pdf',
  phone: '汇编-手机阅读版.pdf',
  printsheet: '印制单.pdf',
} as const;
