// PLACEHOLDER owned by the DOCX helper: replaced by the real Word writer.
import type { Dossier, TocEntry } from '../../model/dossier';
export async function renderDocx(_dossier: Dossier, _toc: TocEntry[]): Promise<Uint8Array> {
  throw new Error('DOCX writer not written yet');
}
