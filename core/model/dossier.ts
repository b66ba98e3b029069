// The dossier: a session's sections and submissions joined with their imported documents, in
// print order. It is the input of the layout engine and of both renderers; the table of contents
// entries (with the real page numbers from the layout) are what the DOCX writer uses so that its
// TOC matches the PDF without a field update.
import type { SourceDoc } from './document';
import { applyBodyEdits } from './printed-body';
import { chineseNumber, sectionItems, type Section, type Session, type Submission } from './session';

export interface DossierItem {
  submission: Submission;
  doc: SourceDoc;
}

export interface DossierSection {
  section: Section;
  /** "一、" "二、" … as printed in the TOC. */
  ordinal: string;
  items: DossierItem[];
}

export interface Dossier {
  session: Session;
  sections: DossierSection[];
}

/** One TOC line: its section, item, printed title and author, and the printed body page number. */
export interface TocEntry {
  sectionIndex: number;
  submissionId: string;
  title: string;
  author: string;
  /** The printed page number (body numbering starts at 1) where the item starts. */
  page: number;
}

/**
 * Joins a session with its documents. Items whose document is missing are skipped and reported,
 * so a missing body never silently produces an empty item.
 */
export function buildDossier(
  session: Session,
  docs: ReadonlyMap<string, SourceDoc>,
): { dossier: Dossier; missing: Submission[] } {
  const missing: Submission[] = [];
  const sections = session.sections.map((section, i) => {
    const items: DossierItem[] = [];
    for (const submission of sectionItems(session, section)) {
      const doc = docs.get(submission.id);
      // The clerk's body edits (lines put back, head / tail left out) apply here, for both writers.
      if (doc) items.push({ submission, doc: applyBodyEdits(doc, submission.bodyEdits) });
      else missing.push(submission);
    }
    return { section, ordinal: `${chineseNumber(i + 1)}、`, items };
  });
  return { dossier: { session, sections }, missing };
}

/** The author as shown in the TOC: the explicit tocAuthor, else the author line without a leading title. */
export function tocAuthor(s: Submission): string {
  if (s.tocAuthor) return s.tocAuthor;
  const line = s.authorLine.trim();
  // "市政协常委 韩喜" → "韩喜"; organisations and "韩喜（代表…）" stay as they are.
  const m = line.match(/^(?:\S*(?:常委|委员|主席|秘书长|主任|代表))\s+(.+)$/u);
  return (m ? m[1] : line).trim();
}
