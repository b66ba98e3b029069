// PLACEHOLDER owned by the sample/markdown helper: replaced by a real CommonMark reader.
import type { SourceDoc } from '../model/document';
export function readMarkdown(_text: string): SourceDoc {
  throw new Error('markdown reader not written yet');
}
