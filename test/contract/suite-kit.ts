// What the contract suite's case files share: the harness a transport provides, the context a case
// reads its client from, and small builders for files and results.
import type { Client, Out, OutputFile, SessionView } from '../../core/contract';
import { fileInput, must } from '../helpers/result';

export { fileInput as file, must };

export interface Harness {
  client: Client;
  /** The bytes of a produced file (download over HTTP / output store in memory). */
  fetchOutput(file: OutputFile): Promise<Uint8Array>;
  cleanup(): Promise<void>;
}

/** What a case reads at run time (the harness is made in beforeAll, after the cases are declared). */
export interface SuiteContext {
  readonly h: Harness;
  readonly c: Client;
  newSession(name?: string): Promise<SessionView>;
  /** Imports files into a section (the first by default) of the session as it is in `v`; fails the test on an error. */
  importInto(
    v: SessionView,
    files: { name: string; data: string }[],
    sectionIndex?: number,
  ): Promise<Out<'submissions.import'>>;
}

export const enc = new TextEncoder();
export const md = (title: string, author: string, body = '正文第一段。') =>
  enc.encode(`# ${title}\n\n${author}\n\n${body}\n`);
