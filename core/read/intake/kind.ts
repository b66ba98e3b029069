// Guesses the kind of an item (大会发言 / 书面发言 / 调研报告 / …) from what a clerk would look at:
// the label line above the title, the folder the file came in, a 课题组 / 执笔 line, the title
// ("……的调研报告"), the subtitle ("——在……上的发言"), the file name. The strongest evidence wins; it
// also finds the session section an item of that kind goes into.
import { SUBMISSION_KIND_NAMES, type Section, type Submission } from '../../model/session';

export type Kind = Submission['kind'];

export interface KindEvidence {
  label?: string;
  title?: string;
  subtitle?: string;
  /** A 课题组 / 执笔 line was found. */
  team?: boolean;
  /** The file name without folders. */
  fileName?: string;
  /** Folder names the file came in, innermost last ("书面发言/张三.docx" → ["书面发言"]). */
  folders?: string[];
}

export interface KindGuess {
  kind: Kind;
  /** Where it came from, in words ("标注“书面发言”"). */
  source: string;
  /** 0…1 */
  confidence: number;
}

/** The kind a short text names, or undefined: "书面发言" → written, "调研报告" → report. */
export function kindNamed(text: string): Kind | undefined {
  const s = text.replace(/\s+/g, '');
  if (/社情民意/.test(s)) return 'info';
  if (/提案/.test(s)) return 'proposal';
  if (/书面/.test(s)) return 'written';
  if (/调研|调查报告|考察报告|课题/.test(s)) return 'report';
  if (/(大会|口头|交流)发言|发言(材料|稿)?$|^发言/.test(s)) return 'speech';
  return undefined;
}

/** The kind a title suggests: "……的调研报告", "……的提案"; undefined when it says nothing. */
function kindOfTitle(title: string): Kind | undefined {
  if (/(调研报告|调查报告|考察报告|调研与思考|调研与建议)$/.test(title)) return 'report';
  if (/提案$/.test(title)) return 'proposal';
  if (/书面发言$/.test(title)) return 'written';
  return undefined;
}

export function guessKind(e: KindEvidence): KindGuess {
  if (e.label) {
    const k = kindNamed(e.label);
    if (k) return { kind: k, source: `标注“${e.label}”`, confidence: 0.95 };
  }
  for (const f of [...(e.folders ?? [])].reverse()) {
    const k = kindNamed(f);
    if (k) return { kind: k, source: `所在文件夹“${f}”`, confidence: 0.9 };
  }
  if (e.team) return { kind: 'report', source: '课题组/执笔署名', confidence: 0.9 };
  const t = e.title ? kindOfTitle(e.title) : undefined;
  if (t) return { kind: t, source: '标题', confidence: 0.9 };
  if (e.subtitle && /调查|调研|为例/.test(e.subtitle)) return { kind: 'report', source: '副标题', confidence: 0.8 };
  const base = (e.fileName ?? '').replace(/\.[^.]+$/, '');
  const fk = kindNamed(base) ?? (/报告/.test(base) ? 'report' : undefined);
  if (fk) return { kind: fk, source: `文件名“${e.fileName}”`, confidence: 0.75 };
  if (e.subtitle && /发言/.test(e.subtitle)) return { kind: 'speech', source: '副标题', confidence: 0.8 };
  return { kind: 'speech', source: '默认', confidence: 0.4 };
}

const bare = (title: string) => title.replace(/^[一二三四五六七八九十]+[、.．]\s*/, '').trim();

/** The section an item of this kind goes into: a folder named like a section, else the kind's section. */
export function sectionFor(
  sections: readonly Section[],
  kind: Kind,
  folders: readonly string[] = [],
): Section | undefined {
  for (const f of [...folders].reverse()) {
    const s = sections.find((x) => bare(x.title) === f.trim());
    if (s) return s;
  }
  const name = SUBMISSION_KIND_NAMES[kind];
  return sections.find((x) => bare(x.title) === name) ?? sections.find((x) => kindNamed(bare(x.title)) === kind);
}
