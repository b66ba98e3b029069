// The pieces of submissions.import that turn intake results into session data: a new submission
// from the recognised fields, the import-report fields for it, and new versions of existing items
// (a file with the same words, re-saved). Pure; kept out of service.ts so the handler stays short.
import type { ImportReportEntry } from '../contract/schemas';
import type { Submission } from '../model/session';
import type { IntakeFields } from '../read/intake/intake';

/** Optional recognised fields, only where present. */
function recognised(f: IntakeFields) {
  return {
    ...(f.label ? { label: f.label } : {}),
    ...(f.subtitle ? { subtitle: f.subtitle } : {}),
    ...(f.dateLine ? { dateLine: f.dateLine } : {}),
    ...(f.organisations ? { organisations: f.organisations } : {}),
    ...(f.reviewReasons.length ? { reviewReasons: f.reviewReasons } : {}),
  };
}

export function newSubmission(
  f: IntakeFields,
  id: string,
  source: Submission['source'],
  receivedAt: string,
): Submission {
  return {
    id,
    title: f.title,
    authorLine: f.authorLine,
    memberIds: f.memberIds,
    kind: f.kind,
    source,
    versions: [],
    receivedAt,
    status: f.status,
    options: { pinned: false, inToc: true },
    ...recognised(f),
  };
}

/** What the import report says about a new item (the section is added once it is placed). */
export function reportOf(sub: Submission, f: IntakeFields): Partial<ImportReportEntry> {
  return {
    ok: true,
    submissionId: sub.id,
    title: sub.title,
    authorLine: sub.authorLine,
    memberIds: sub.memberIds,
    kind: sub.kind,
    kindSource: f.kindGuess.source,
    status: sub.status,
    ...recognised(f),
  };
}

export interface NewVersion {
  submissionId: string;
  source: Submission['source'];
}

/** The item with its source replaced by the newest of `versions` for it (the old source kept). */
export function withNewVersion(x: Submission, versions: readonly NewVersion[], stamp: string): Submission {
  const nv = versions.filter((n) => n.submissionId === x.id).pop();
  if (!nv) return x;
  const prev = {
    file: x.source.file,
    format: x.source.format,
    ...(x.source.sha256 ? { sha256: x.source.sha256 } : {}),
    replacedAt: stamp,
  };
  return { ...x, source: nv.source, versions: [...x.versions, prev], receivedAt: stamp };
}
