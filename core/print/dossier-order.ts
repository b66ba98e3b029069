// Every item of the dossier in print order, with its section and position: what handouts select
// from and what the compile handler numbers. Apart from core/print/handouts.ts (which composes PDF
// pages with pdf-lib) so that compiling does not load pdf-lib for it.
import { sectionItems, type Session, type Submission } from '../model/session';

export interface SelectedItem {
  submission: Submission;
  sectionIndex: number;
  sectionTitle: string;
  /** 1-based position in its section. */
  order: number;
}

/** Every item of the dossier in print order, with its section and position. */
export function dossierOrder(session: Session): SelectedItem[] {
  const out: SelectedItem[] = [];
  session.sections.forEach((section, sectionIndex) =>
    sectionItems(session, section).forEach((submission, i) =>
      out.push({ submission, sectionIndex, sectionTitle: section.title, order: i + 1 }),
    ),
  );
  return out;
}
