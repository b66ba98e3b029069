// Title and author detection. Two steps: extractFront() takes the title line and the author line
// off the top of a document by their shape (readers call it, so the body does not repeat what the
// dossier prints above it); matchAuthor() then matches the author line against the session roster.
// It must never be silently wrong: anything short of a clear match comes back with low confidence
// and a reason, so the item goes to review instead of into the dossier under the wrong name.
import { inlineText, type Block } from '../model/document';
import type { Member } from '../model/session';
import { headingLabelLevel } from './heading-patterns';

/** Longest line taken as a title / author line. */
export const TITLE_MAX_CHARS = 60;
export const AUTHOR_MAX_CHARS = 40;

const ORG_RE = /(委员会|委会|市委|县委|区委|总支|支部|专委会|委员会办公室|界别|小组|联合会|商会|协会|学会|研究会|党组|政府|局|办公室|工商联|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟|无党派)/;
const ROLE_RE = /(政协|委员|常委|主席|副主席|秘书长|主任|副主任|代表|发言人|执笔|作者|局长|处长|院长|校长|教授|书记|会长|经理|董事长|主委|副主委)/;
const AUTHOR_PREFIX_RE = /^(?:——|--|—|-)\s*|^(?:发言人|作者|执笔人?|报告人|提交人|撰稿人?|单位)\s*[：:]\s*/;

const CJK = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f';
/** One line of text; a manual line break between Chinese characters (a title broken by hand) joins up. */
const blockText = (b: Block): string | undefined =>
  b.type === 'heading' || b.type === 'paragraph'
    ? inlineText(b.inlines)
        .replace(new RegExp(`(?<=[${CJK}])\\n+(?=[${CJK}])`, 'g'), '')
        .replace(/\s+/g, ' ')
        .trim()
    : undefined;

/** Does a short line look like an author line ("市政协常委 韩喜", "——韩喜", "民盟××市委会", "韩喜")? */
export function looksLikeAuthorLine(text: string, opts: { strict?: boolean } = {}): boolean {
  const t = text.trim();
  if (!t || [...t].length > AUTHOR_MAX_CHARS) return false;
  if (/[。；;？?！!]$/.test(t)) return false;
  if (headingLabelLevel(t) || /^(附件|附表|抄送|主题词)/.test(t)) return false;
  if (AUTHOR_PREFIX_RE.test(t)) {
    // "——韩喜" is a signature; "——基于三个区县的调查" / "——在常委会议上的发言" is a subtitle.
    const rest = t.replace(AUTHOR_PREFIX_RE, '');
    return [...rest].length <= 30 && !/^(在|基于|关于|以|对|从|围绕)/.test(rest) && !rest.includes('的');
  }
  // A bare 2–4 character line is a name only where the layout already says "author line".
  if (/^[\p{Script=Han}·]{2,4}$/u.test(t)) return !opts.strict;
  if (ORG_RE.test(t) && [...t].length <= 30) return true;
  if (ROLE_RE.test(t) && /[\p{Script=Han}]{2,4}(?:（[^）]*）)?$/u.test(t)) return true;
  return false;
}

function nextIsAuthor(blocks: Block[], j: number): boolean {
  const b = blocks[j];
  const t = b ? blockText(b) : undefined;
  return !!t && b.type === 'paragraph' && looksLikeAuthorLine(t, { strict: true });
}

export interface FrontMatter {
  title?: string;
  authorLine?: string;
  /** The blocks with the title and author line removed. */
  blocks: Block[];
  /** Label lines above the title ("大会发言之三", "附件2"), removed with it. */
  labels?: string[];
}

/**
 * Takes the title (the first heading, or a short centred line, or, for plain text, a short first
 * line) and the author line under it off the top of the blocks. Without a clear title nothing is
 * removed.
 */
/** Lines printed above a title that are not the title: "大会发言之三", "附件2", "（5）". */
const LABEL_RE = /^(附件\s*[0-9一二三四五六七八九十]*|(大会|书面)?发言(材料)?(之[一二三四五六七八九十百]+)?|会议材料(之[一二三四五六七八九十百]+)?|社情民意(信息)?(第\s*\d+\s*期)?|[（(]\s*\d+\s*[)）])[:：]?$/;
const DATE_RE = /^[0-9０-９〇一二三四五六七八九零十]{2,4}\s*年\s*[0-9０-９一二三四五六七八九十]{1,2}\s*月(\s*[0-9０-９一二三四五六七八九十]{1,3}\s*日)?$/;

export function extractFront(blocks: Block[], opts: { plainText?: boolean; isProminent?: (b: Block) => boolean } = {}): FrontMatter {
  let i = 0;
  const labels: string[] = [];
  for (;;) {
    while (i < blocks.length && (blockText(blocks[i]) === '' || blocks[i].type === 'pageBreak')) i++;
    const lt = blocks[i] ? blockText(blocks[i]) : undefined;
    if (lt && LABEL_RE.test(lt) && blocks.length > i + 1) {
      labels.push(lt);
      i++;
    } else break;
  }
  const first = blocks[i];
  if (!first) return { blocks };
  const t = blockText(first);
  // Import markers ("［此处图片…未能导入］") and markup lines are never titles.
  if (t === undefined || [...t].length > TITLE_MAX_CHARS || /[。；;]$/.test(t) || /^［.*］$/.test(t) || /^</.test(t)) return withSignature({ blocks });
  const isTitle =
    (first.type === 'heading' && !headingLabelLevel(t)) ||
    (first.type === 'paragraph' && (first.align === 'center' || opts.isProminent?.(first) === true) && !headingLabelLevel(t)) ||
    (opts.plainText === true && !headingLabelLevel(t) && !/[，,：:]$/.test(t) && blocks.length > i + 1) ||
    // A short first line with an author line right under it is a title even without centring.
    (first.type === 'paragraph' && !headingLabelLevel(t) && !/[，,：:。]$/.test(t) && nextIsAuthor(blocks, i + 1));
  if (!isTitle) return withSignature({ blocks });
  let title = t;
  let j = i + 1;
  // A centred second title line (a long title broken by hand) belongs to the title.
  const second = blocks[j];
  const st = second ? blockText(second) : undefined;
  if (
    second &&
    st &&
    ((second.type === 'paragraph' && second.align === 'center') || (second.type === 'heading' && first.type === 'heading' && second.level === first.level)) &&
    !looksLikeAuthorLine(st) &&
    !st.startsWith('——') &&
    [...title + st].length <= TITLE_MAX_CHARS
  ) {
    title += st;
    j++;
  }
  while (j < blocks.length && blockText(blocks[j]) === '') j++;
  let authorLine: string | undefined;
  const cand = blocks[j];
  const ct = cand ? blockText(cand) : undefined;
  if (cand && ct && (cand.type === 'paragraph' || cand.type === 'heading') && looksLikeAuthorLine(ct)) {
    authorLine = ct;
    j++;
  }
  const front: FrontMatter = { title, blocks: blocks.slice(j) };
  if (authorLine) front.authorLine = authorLine;
  if (labels.length) front.labels = labels;
  return authorLine ? front : withSignature(front);
}

/**
 * Without an author line at the top, a signature at the end ("韩喜" / "民盟××市委会", right-aligned,
 * perhaps followed by a date) names the author. The signature stays in the body: it is the
 * author's text, and the dossier may print it.
 */
function withSignature(front: FrontMatter): FrontMatter {
  const tail = front.blocks.slice(-3).filter((b) => blockText(b) !== '' && b.type !== 'pageBreak');
  for (let k = tail.length - 1; k >= 0; k--) {
    const b = tail[k];
    const t = blockText(b);
    if (!t || b.type !== 'paragraph') return front;
    if (DATE_RE.test(t)) continue;
    if (b.align === 'right' && looksLikeAuthorLine(t)) return { ...front, authorLine: t };
    return front;
  }
  return front;
}

export interface AuthorMatch {
  title?: string;
  authorLine?: string;
  memberId?: string;
  /** 0..1: 1 = exact roster name; below 0.8 the item needs review. */
  confidence: number;
  /** Chinese, for the review list. */
  reason: string;
}

/** Confidence at or above which a match is accepted without review. */
export const AUTHOR_ACCEPT = 0.8;

/** The name part of an author line: prefixes (——, 发言人：) and role words stripped. */
export function authorCore(line: string): string {
  return line.replace(AUTHOR_PREFIX_RE, '').replace(/[（(][^）)]*[）)]\s*$/, '').trim();
}

/**
 * Matches an author line against the roster: an exact name first, then a roster name inside the
 * line (the longest one wins; two different names → review). Organisations are recognised but
 * left unmatched (they are not members) with a medium confidence.
 */
export function matchAuthor(input: { title?: string; authorLine?: string; fileName?: string }, roster: readonly Member[]): AuthorMatch {
  const { title, authorLine } = input;
  if (!authorLine) {
    // A roster name in the file name ("韩喜-发言.docx") is a hint, not proof.
    const fromFile = input.fileName ? namesIn(input.fileName, roster) : [];
    if (fromFile.length === 1)
      return { title, authorLine: fromFile[0].name, memberId: fromFile[0].id, confidence: 0.6, reason: `未找到署名行，按文件名推断作者为“${fromFile[0].name}”，请核对` };
    return { title, confidence: 0, reason: '未找到署名行，请指定作者' };
  }
  const core = authorCore(authorLine);
  const exact = roster.filter((m) => m.name === core || m.name === authorLine.trim());
  if (exact.length === 1) return { title, authorLine, memberId: exact[0].id, confidence: 1, reason: `署名与名单中的“${exact[0].name}”完全一致` };
  if (exact.length > 1) return { title, authorLine, confidence: 0.4, reason: `名单中有 ${exact.length} 位“${core}”，请指定是哪一位` };
  const found = namesIn(authorLine, roster);
  if (found.length === 1) {
    const m = found[0];
    const rest = authorLine.replace(m.name, '').replace(AUTHOR_PREFIX_RE, '').trim();
    // "市政协常委 韩喜": the rest is titles; "韩喜等" or a name glued to other Han text is less sure.
    const clean = rest === '' || ROLE_RE.test(rest) || ORG_RE.test(rest) || /^[\s（(）)、，]*$/.test(rest);
    return {
      title,
      authorLine,
      memberId: m.id,
      confidence: clean ? 0.9 : 0.7,
      reason: clean ? `署名行中包含名单中的“${m.name}”` : `署名行“${authorLine}”中包含“${m.name}”，但还有其他文字，请核对`,
    };
  }
  if (found.length > 1) return { title, authorLine, confidence: 0.3, reason: `署名行中有多个名单中的姓名（${found.map((m) => m.name).join('、')}），请指定作者` };
  // "市工商联" is as short as a name: an organisation word at the end settles it.
  if (ORG_RE.test(authorLine) && (!/^[\p{Script=Han}·]{2,4}$/u.test(core) || /(会|联|委|局|院|办|社|部|组|党)$/.test(core)))
    return { title, authorLine, confidence: 0.8, reason: `署名为单位“${authorLine}”，不对应名单中的个人` };
  return { title, authorLine, confidence: 0.2, reason: `署名“${authorLine}”不在委员名单中，请核对` };
}

/** Roster members whose names occur in the text; a name inside a longer found name is dropped. */
function namesIn(text: string, roster: readonly Member[]): Member[] {
  const hits = roster.filter((m) => m.name.length >= 2 && text.includes(m.name));
  const uniqueNames = new Map<string, Member[]>();
  for (const m of hits) uniqueNames.set(m.name, [...(uniqueNames.get(m.name) ?? []), m]);
  const names = [...uniqueNames.keys()].filter((n) => ![...uniqueNames.keys()].some((o) => o !== n && o.includes(n)));
  // Two members with the same name cannot be told apart by the line.
  if (names.length === 1 && (uniqueNames.get(names[0])?.length ?? 0) > 1) return [...(uniqueNames.get(names[0]) ?? []), ...[]].slice(0, 2);
  return names.map((n) => uniqueNames.get(n)![0]);
}
