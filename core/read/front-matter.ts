// Front matter of a Markdown source: a leading "---" block of "key: value" lines giving the title
// and the author line. Only that tiny YAML subset is understood (no nesting, no anchors, no tags),
// so a hostile block can never expand or execute anything; unknown keys are kept but unused.

export interface FrontMatter {
  /** Lower-cased keys to their (unquoted) values. */
  fields: Record<string, string>;
  /** The text after the block (or the whole text when there is none). */
  body: string;
  /** How many source lines the block took (for line-number mapping). */
  lines: number;
}

const TITLE_KEYS = ['title', '标题', '题目'];
const AUTHOR_KEYS = ['author', 'authorline', 'author_line', '作者', '署名'];

/** Splits a leading front-matter block off `text` (which must already use \n line ends). */
export function splitFrontMatter(text: string): FrontMatter {
  const none: FrontMatter = { fields: {}, body: text, lines: 0 };
  if (!/^---[ \t]*\n/.test(text)) return none;
  const lines = text.split('\n');
  let end = -1;
  for (let i = 1; i < lines.length && i < 200; i++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines[i])) {
      end = i;
      break;
    }
  }
  if (end < 0) return none;
  const fields: Record<string, string> = {};
  for (let i = 1; i < end; i++) {
    const m = /^([^:：#\s][^:：]*?)\s*[:：]\s?(.*)$/.exec(lines[i]);
    if (!m) {
      // Comments, blank and indented lines (nested YAML we do not use) are skipped; anything
      // else means this is not front matter we understand (maybe a thematic break).
      if (lines[i].trim() === '' || lines[i].trim().startsWith('#') || /^\s/.test(lines[i])) continue;
      return none;
    }
    let value = m[2].trim();
    if (/^[|>][+-]?$/.test(value)) {
      // Block scalar: the indented lines that follow ("|" keeps line breaks, ">" folds them).
      const parts: string[] = [];
      while (i + 1 < end && (/^\s/.test(lines[i + 1]) || lines[i + 1].trim() === '')) parts.push(lines[++i].trim());
      value = parts.filter((p) => p !== '').join(value.startsWith('|') ? '\n' : '');
    } else if (!/^["']/.test(value)) {
      value = value.replace(/\s+#.*$/, '');
    }
    fields[m[1].toLowerCase()] = unquote(value);
  }
  return { fields, body: lines.slice(end + 1).join('\n'), lines: end + 1 };
}

function unquote(v: string): string {
  if (v.length >= 2 && ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'")))) {
    const inner = v.slice(1, -1);
    return v.startsWith('"') ? inner.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : inner.replace(/''/g, "'");
  }
  return v;
}

export function frontMatterTitle(fm: FrontMatter): string | undefined {
  for (const k of TITLE_KEYS) if (fm.fields[k]) return fm.fields[k];
  return undefined;
}

export function frontMatterAuthor(fm: FrontMatter): string | undefined {
  for (const k of AUTHOR_KEYS) if (fm.fields[k]) return fm.fields[k];
  return undefined;
}
