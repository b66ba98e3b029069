// The session model: one standing-committee session's metadata, roster, sections and submissions.
// This is what session.json holds (validated with zod, so a bad file names the field) and what the
// store, the service and the compile engine share. Document bodies are NOT here: they live in
// their own files beside the JSON (see Submission.source / Submission.body).
import { z } from 'zod';
import { LayoutSettingsSchema } from './settings';
import { PortalSettingsSchema } from './portal';

export const SCHEMA_VERSION = 1;

export const MemberSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  gender: z.enum(['男', '女']).optional(),
  ethnicity: z.string().optional(),
  /** 界别 */
  sector: z.string().default(''),
  /** 党派 (中共, 民革, 民盟 …, 无党派人士) */
  party: z.string().optional(),
  /** 职务, e.g. 市政协常委、市文化和旅游局副局长 */
  title: z.string().default(''),
  /** 单位 */
  unit: z.string().default(''),
  /** 常委 */
  standing: z.boolean().default(true),
  /** Rank for rank-first ordering: 主席, 副主席, 秘书长, 常委, 委员 */
  rank: z.string().optional(),
});
export type Member = z.infer<typeof MemberSchema>;

export const SUBMISSION_KINDS = ['speech', 'written', 'report', 'proposal', 'info', 'other'] as const;
export const SUBMISSION_KIND_NAMES: Record<(typeof SUBMISSION_KINDS)[number], string> = {
  speech: '大会发言',
  written: '书面发言',
  report: '调研报告',
  proposal: '提案',
  info: '社情民意信息',
  other: '其他',
};

export const SourceFormatSchema = z.enum(['md', 'txt', 'docx', 'pdf', 'doc', 'wps', 'rtf', 'odt']);
export type SourceFormat = z.infer<typeof SourceFormatSchema>;

export const SubmissionSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  /** The author line as printed under the title: "市政协常委 韩喜", "民盟××市委会", "韩喜（代表民建××市委会）". */
  authorLine: z.string().default(''),
  /** Roster members this item belongs to (for expected-vs-received and ordering). */
  memberIds: z.array(z.string()).default([]),
  /** Short author for the TOC (defaults to the author line without titles). */
  tocAuthor: z.string().optional(),
  /**
   * Front matter recognised on import (core/read/intake/front-matter) or entered by the clerk. It is
   * metadata, not body: the dossier prints title, subtitle, byline (authorLine) and date line in
   * its own house style (subtitle and date in 3号楷体, centred, under the title / author line).
   */
  /** Label line above the title as the file had it (书面发言, 大会发言之三, 材料之五); not printed. */
  label: z.string().optional(),
  /** Subtitle printed under the title: "——在政协××市第十三届委员会常务委员会第九次会议上的发言". */
  subtitle: z.string().optional(),
  /** Date line printed under the author line: "（2023年9月12日）". */
  dateLine: z.string().optional(),
  /** Organisations credited as authors (民盟××市委会 …), as printed. */
  organisations: z.array(z.string()).optional(),
  /** Why the item needs review, each reason in words with what was guessed (kept across reloads). */
  reviewReasons: z.array(z.object({ code: z.string(), field: z.string().optional(), message: z.string() })).optional(),
  /**
   * The clerk's corrections of what is printed as body, without touching the source file:
   * `restore` = indices into the document's frontMatter put back into the body (where they were);
   * `omitHead` / `omitTail` = leading / trailing body blocks left out of print.
   */
  bodyEdits: z
    .object({
      restore: z.array(z.number().int().min(0)).default([]),
      omitHead: z.number().int().min(0).default(0),
      omitTail: z.number().int().min(0).default(0),
    })
    .optional(),
  kind: z.enum(SUBMISSION_KINDS).default('speech'),
  source: z.object({
    /** Path relative to the session folder. */
    file: z.string().min(1),
    format: SourceFormatSchema,
    /** sha256 of the source bytes, when known. */
    sha256: z.string().optional(),
    originalName: z.string().optional(),
  }),
  /** Earlier versions kept when replaced. */
  versions: z
    .array(
      z.object({ file: z.string(), format: SourceFormatSchema, sha256: z.string().optional(), replacedAt: z.string() }),
    )
    .default([]),
  receivedAt: z.string().optional(),
  /** How the file came in: 'portal' = uploaded by the member through 网上报送. */
  receivedVia: z.enum(['file', 'portal']).optional(),
  status: z.enum(['ok', 'review']).default('ok'),
  options: z
    .object({
      /** Stays where it is when the section is sorted. */
      pinned: z.boolean().default(false),
      /** Listed in the table of contents. */
      inToc: z.boolean().default(true),
      /** Overrides the session's item-start rule for this item. */
      startOnOdd: z.boolean().optional(),
    })
    .default({ pinned: false, inToc: true }),
});
export type Submission = z.infer<typeof SubmissionSchema>;

/** A submission moved to the trash (restorable from 材料收集 / 编排), with where it was placed. */
export const TrashedSubmissionSchema = z.object({
  submission: SubmissionSchema,
  /** The section it was in, and its index there; absent when it was unplaced. */
  sectionId: z.string().optional(),
  index: z.number().int().nonnegative().optional(),
  deletedAt: z.string(),
});
export type TrashedSubmission = z.infer<typeof TrashedSubmissionSchema>;

export const SORT_RULES = ['stroke', 'pinyin', 'sector', 'party', 'rank', 'roster', 'received', 'manual'] as const;
export type SortRule = (typeof SORT_RULES)[number];

export const SectionSchema = z.object({
  id: z.string().min(1),
  /** Without the ordinal: "大会发言"; the TOC prints "一、大会发言". */
  title: z.string().min(1),
  /** Submission ids in order. */
  items: z.array(z.string()).default([]),
  sortRule: z.enum(SORT_RULES).default('manual'),
});
export type Section = z.infer<typeof SectionSchema>;

export const MarksSchema = z.object({
  /** 内部资料 注意保存 on the cover. */
  internal: z.boolean().default(false),
  /** 密级 text, e.g. 秘密★1年; empty for none. */
  secrecy: z.string().default(''),
  /** Diagonal watermark text, e.g. 草稿 / 送审稿; empty for none. */
  watermark: z.string().default(''),
  /** Confidentiality line on the cover (会后收回 …). */
  confidentialityLine: z.string().default(''),
});

export const SessionSchema = z.object({
  schemaVersion: z.number().int().positive(),
  id: z.string().min(1),
  /** 政协××市第十三届委员会常务委员会第九次会议 */
  name: z.string().min(1),
  /** 齐文化传承与创新 */
  theme: z.string().default(''),
  /** 会议材料汇编 */
  bookTitle: z.string().default('会议材料汇编'),
  /** ISO date of the meeting, e.g. 2023-09-20; the cover prints 二〇二三年九月. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
  /** 政协××市委员会办公室 */
  organiser: z.string().default(''),
  /** 编印 / 编 */
  organiserSuffix: z.string().default('编印'),
  /** Optional 说明 (editor's note) printed before the TOC. */
  preface: z.string().default(''),
  marks: MarksSchema.default({ internal: false, secrecy: '', watermark: '', confidentialityLine: '' }),
  members: z.array(MemberSchema).default([]),
  sections: z.array(SectionSchema).default([]),
  submissions: z.array(SubmissionSchema).default([]),
  /** Submissions deleted by the clerk, restorable (never printed, not counted). */
  trash: z.array(TrashedSubmissionSchema).optional(),
  layout: LayoutSettingsSchema.default(LayoutSettingsSchema.parse({})),
  /** 网上报送 (core/model/portal.ts); absent = never turned on. */
  portal: PortalSettingsSchema.optional(),
  /** Ordering conventions used by sections.sort (core/order); absent = the defaults. */
  ordering: z
    .object({
      /** 单名 counts as blank in the second position (田富 before 田大利); false = compare actual characters. */
      givenNameBlank: z.boolean().default(true),
      /** Custom 党派 / organisation order (default core/order DEFAULT_ORG_ORDER). */
      orgOrder: z.array(z.object({ name: z.string().min(1), aliases: z.array(z.string()) })).optional(),
    })
    .optional(),
});
export type Session = z.infer<typeof SessionSchema>;
export type SessionInput = z.input<typeof SessionSchema>;

/** Human-readable zod issues: "submissions.3.title: 不能为空". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(根)'}: ${i.message}`);
}

/** The submission objects of a section, in order (missing ids skipped). */
export function sectionItems(session: Session, section: Section): Submission[] {
  const byId = new Map(session.submissions.map((s) => [s.id, s]));
  return section.items.map((id) => byId.get(id)).filter((s): s is Submission => !!s);
}

/** The session-level metadata the settings screen edits (cover, marks, preface); marks copied. */
export function sessionMeta(s: Session) {
  const { name, theme, bookTitle, date, organiser, organiserSuffix, preface } = s;
  return { name, theme, bookTitle, date, organiser, organiserSuffix, preface, marks: { ...s.marks } };
}

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 二〇二三年九月 from 2023-09-20 (the cover date style of official documents). */
export function chineseYearMonth(isoDate: string): string {
  const [y, m] = isoDate.split('-');
  const year = [...y].map((d) => CN_DIGITS[Number(d)]).join('');
  return `${year}年${chineseNumber(Number(m))}月`;
}

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n] === '〇' ? '零' : CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}
