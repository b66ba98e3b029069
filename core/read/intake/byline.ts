// Parses one author line ("byline") in the shapes members and bodies actually send: "市政协委员　孙　喆"
// (full-width padding inside the name), "市政协常委、××大学教授 张三", "张三 李四 王五", "——张三",
// "发言人：张三", "张三（代表民建××市委会）", "民盟××市委会", "××课题组", "执笔：张三" / "课题组组长：张三
// 成员：李四、王五". It says how much the line looks like a byline and which person names and
// organisations it credits; matching those against the roster is roster-match.ts's job.
import {
  BYLINE_MAX_CHARS,
  BYLINE_PREFIX_RE,
  endsSentence,
  isDateLine,
  isLabelLine,
  isNameLike,
  isSalutation,
  isSubtitleLine,
  ORG_RE,
  ROLE_RE,
  startsWithHeadingLabel,
} from './patterns';

export type PersonRole = 'author' | 'writer' | 'leader' | 'member';

export interface BylinePerson {
  name: string;
  role: PersonRole;
  /** The name stood as its own token (not cut off the end of a longer word). */
  separate: boolean;
}

export interface Byline {
  /** As printed: no "发言人：" or leading ——, whitespace runs as one space, padding inside names removed. */
  printed: string;
  persons: BylinePerson[];
  organisations: string[];
  /** A 课题组 / 执笔 line: the item is a research report. */
  team: boolean;
  /** 0…1: how much the text alone looks like an author line. */
  shape: number;
}

const SPACE = /[\s\u3000\u00a0]+/;
const SEP = /[\s\u3000\u00a0、，,；;]+/;

/** Joins single Han characters separated by padding ("孙　喆" → "孙喆"); other tokens stay. */
function joinPadded(tokens: string[]): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2 && run.length <= 3) out.push(run.join(''));
    else out.push(...run);
    run = [];
  };
  for (const t of tokens) {
    if (/^\p{Script=Han}$/u.test(t)) run.push(t);
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}

/** Printed form of a text: whitespace runs as one space, padded single characters joined. */
export function printedText(t: string): string {
  return joinPadded(t.trim().split(SPACE).filter(Boolean)).join(' ');
}

/** Splits "市政协委员张三" into role and name when a role word ends right before 2–3 Han characters. */
function gluedName(token: string, knownNames: ReadonlySet<string>): string | undefined {
  for (const n of knownNames)
    if (n.length >= 2 && token.endsWith(n) && token.length > n.length && ROLE_RE.test(token.slice(0, -n.length)))
      return n;
  const m =
    /^(.*(?:委员|常委|主席|主任|教授|研究员|会长|局长|院长|校长|书记|主委|律师|医师|经理|董事长|馆长|所长|部长|社长|理事长))([\p{Script=Han}]{2,4}|[\p{Script=Han}]{1,4}[·•][\p{Script=Han}]{1,8})$/u.exec(
      token,
    );
  return m && isNameLike(m[2]) ? m[2] : undefined;
}

function teamPersons(text: string): BylinePerson[] {
  const out: BylinePerson[] = [];
  const re =
    /(执笔人?|副组长|组长|成员|负责人|主持人|参与人员)\s*[：:]\s*([^：:]*?)(?=(?:课题组)?(?:执笔人?|副组长|组长|成员|负责人|主持人|参与人员)\s*[：:]|$)/g;
  for (const m of text.matchAll(re)) {
    const role: PersonRole = m[1].startsWith('执笔') ? 'writer' : /组长|负责人|主持人/.test(m[1]) ? 'leader' : 'member';
    for (const n of joinPadded(m[2].split(SEP).filter(Boolean)))
      if (isNameLike(n)) out.push({ name: n, role, separate: true });
  }
  return out;
}

/**
 * Reads a line as a byline. Returns undefined when it cannot be one (a sentence, a heading, a
 * subtitle, a date, a label, too long). `knownNames` (the roster) helps split "市政协委员张三".
 */
export function parseByline(text: string, knownNames: ReadonlySet<string> = new Set()): Byline | undefined {
  const raw = text.trim();
  if (!raw || [...raw].length > BYLINE_MAX_CHARS) return undefined;
  if (
    endsSentence(raw) ||
    startsWithHeadingLabel(raw) ||
    isSubtitleLine(raw) ||
    isDateLine(raw) ||
    isLabelLine(raw) ||
    isSalutation(raw)
  )
    return undefined;
  const prefixed = BYLINE_PREFIX_RE.test(raw);
  let t = raw.replace(BYLINE_PREFIX_RE, '').trim();
  if (!t) return undefined;
  const printed = printedText(t);
  const organisations: string[] = [];

  if (/(执笔人?|组长|成员|负责人|主持人)\s*[：:]/.test(t)) {
    const head = t.split(/(?:课题组)?(?:执笔人?|副组长|组长|成员|负责人|主持人|参与人员)\s*[：:]/)[0].trim();
    if (head && ORG_RE.test(head)) organisations.push(printedText(head));
    return { printed, persons: teamPersons(t), organisations, team: true, shape: 0.95 };
  }
  // "……的" reads as a title or a sentence; only a representation clause may hold it.
  if (/的/.test(t.replace(/[（(]代表[^）)]*[）)]/g, '')) && !/课题组|调研组/.test(t)) return undefined;

  for (const m of t.matchAll(/[（(]代表([^）)]+)[）)]/g)) organisations.push(printedText(m[1]));
  t = t.replace(/[（(][^）)]*[）)]/g, ' ').trim();
  const tokens = joinPadded(t.split(SEP).filter(Boolean));
  const persons: BylinePerson[] = [];
  let roles = 0;
  let unknown = 0;
  tokens.forEach((tok, k) => {
    const last = k === tokens.length - 1;
    if (isNameLike(tok) && (knownNames.has(tok) || !ORG_RE.test(tok))) {
      persons.push({ name: tok, role: 'author', separate: true });
      return;
    }
    const glued = gluedName(tok, knownNames);
    if (glued) {
      roles++;
      persons.push({ name: glued, role: 'author', separate: false });
      return;
    }
    if (ORG_RE.test(tok) && last && !persons.length && !ROLE_RE.test(tok.replace(/政协/g, ''))) {
      organisations.push(tok);
      return;
    }
    if (
      ORG_RE.test(tok) &&
      last &&
      !persons.length &&
      /(委员会|委会|联合会|工商联|课题组|调研组|支社|总支|支部|界别|学社)$/.test(tok)
    ) {
      organisations.push(tok);
      return;
    }
    if (ROLE_RE.test(tok) || ORG_RE.test(tok)) roles++;
    else unknown++;
  });
  if (!persons.length && !organisations.length) return undefined;
  if (unknown > 0 && !prefixed)
    return persons.length && roles
      ? { printed, persons, organisations, team: /课题组|调研组/.test(t), shape: 0.5 }
      : undefined;
  let shape: number;
  if (prefixed) shape = 0.95;
  else if (roles && persons.length) shape = 0.9;
  else if (organisations.length && !persons.length) shape = 0.8;
  else if (persons.every((p) => knownNames.has(p.name))) shape = 0.9;
  else shape = persons.length > 1 ? 0.7 : 0.6;
  return { printed, persons, organisations, team: /课题组|调研组/.test(t), shape };
}
