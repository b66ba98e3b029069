// From a read document to the fields of a new submission, the one way every import path takes
// (the service's submissions.import / replace for the app, the HTTP transport and the CLI, and
// core/node/import-batch's plan): title, subtitle, label, printed byline, date line, members,
// organisations, kind, and — when anything is uncertain — status 'review' with the reasons in words.
import { documentText, type SourceDoc } from '../../model/document';
import type { Session, Submission } from '../../model/session';
import { parseByline, printedText } from './byline';
import { guessKind, type KindGuess } from './kind';
import { matchAuthors, rosterOf, type ReviewReason, type Roster } from './roster-match';

/** Reader warnings that are information only: they never send an item to review. */
export const INFO_WARNING_CODES: ReadonlySet<string> = new Set([
  'import.converted',
  'import.label-removed',
  'import.toc-dropped',
  'image.downscaled',
  'image.converted',
]);

export interface IntakeInput {
  doc: SourceDoc;
  /** The file's name as given, possibly with folders ("书面发言/张三.docx", a dropped path). */
  name: string;
}

export interface IntakeFields {
  title: string;
  authorLine: string;
  memberIds: string[];
  kind: Submission['kind'];
  label?: string;
  subtitle?: string;
  dateLine?: string;
  organisations?: string[];
  reviewReasons: ReviewReason[];
  status: 'ok' | 'review';
  /** How the kind was decided, in words (for the import report). */
  kindGuess: KindGuess;
}

/** The file name and its folders from a name or path as given. */
export function splitName(given: string): { fileName: string; folders: string[] } {
  const parts = given.replace(/\\/g, '/').split('/').filter(Boolean);
  return { fileName: parts.pop() ?? given, folders: parts };
}

/** Text as words only: what stays the same when a file is merely re-saved or reformatted. */
export function normalisedText(doc: SourceDoc): string {
  const fm = (doc.frontMatter ?? []).map((l) => l.text).join('\n');
  const t = [doc.title ?? '', doc.authorLine ?? '', fm, doc.pdf?.text ?? '', documentText(doc)].join('\n');
  return t.normalize('NFKC').replace(/[\s\p{P}\p{S}]+/gu, '');
}

export function intake(
  input: IntakeInput,
  session: Pick<Session, 'members' | 'ordering'>,
  roster: Roster = rosterOf(session),
): IntakeFields {
  const { doc } = input;
  const { fileName, folders } = splitName(input.name);
  const fm = doc.frontMatter ?? [];
  const reasons: ReviewReason[] = [];
  const label =
    fm
      .filter((l) => l.role === 'label')
      .map((l) => l.text)
      .join(' ') || undefined;
  const subtitle = fm.find((l) => l.role === 'subtitle')?.text;
  const dateLine = fm.find((l) => l.role === 'date')?.text;
  let bylineTexts = fm.filter((l) => l.role === 'byline').map((l) => l.text);
  if (!bylineTexts.length) bylineTexts = fm.filter((l) => l.role === 'signature').map((l) => l.text);
  if (!bylineTexts.length && !fm.length && doc.authorLine) bylineTexts = [doc.authorLine];

  const stem = fileName.replace(/\.[^.]+$/, '');
  let title = (doc.title ?? '').trim();
  if (!title) {
    title = stem.trim() || fileName;
    reasons.push({
      code: 'intake.no-title',
      field: 'title',
      message: `未识别出标题，暂用文件名“${title}”，请填写标题`,
    });
  }
  const authors = matchAuthors(bylineTexts, roster, fileName);
  reasons.push(...authors.reasons);
  const authorLine = bylineTexts
    .map((t) => parseByline(t, roster.names)?.printed ?? printedText(t.replace(/^(?:——|—)\s*/, '')))
    .join(' ');
  // A member guessed from the file name is linked (under review) but never printed as a byline.
  const team = bylineTexts.some((t) => parseByline(t, roster.names)?.team === true);
  const kindGuess = guessKind({ label, title: doc.title, subtitle, team, fileName, folders });
  const serious = doc.warnings.filter((w) => !INFO_WARNING_CODES.has(w.code));
  if (serious.length)
    reasons.push({
      code: 'intake.read-warning',
      message:
        serious.length > 1 ? `读取时有 ${serious.length} 条提示，第一条：${serious[0].message}` : serious[0].message,
    });
  const out: IntakeFields = {
    title,
    authorLine,
    memberIds: authors.memberIds,
    kind: kindGuess.kind,
    reviewReasons: reasons,
    status: reasons.length ? 'review' : 'ok',
    kindGuess,
  };
  if (label) out.label = label;
  if (subtitle) out.subtitle = subtitle;
  if (dateLine) out.dateLine = dateLine;
  if (authors.organisations.length) out.organisations = authors.organisations;
  return out;
}
