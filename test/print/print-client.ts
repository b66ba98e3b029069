// The print tests' way in: the contract client over one session folder that `huibian export`
// uses (cli/local-client withFolderClient with the printer), kept open for a whole test file, and
// export.print with a target path — the one print path the app and the CLI take.
import type { In, Out } from '../../core/contract/api';
import type { Result } from '../../core/result';
import { withFolderClient, type LocalClient } from '../../cli/local-client';

export type PrintInput = Omit<In<'export.print'>, 'sessionId'>;
export type PrintOutput = Out<'export.print'>;

export interface FolderPrinter {
  client: LocalClient;
  sessionId: string;
  /** export.print on the folder's session; the error value is returned as it is. */
  tryPrint(input: PrintInput): Promise<Result<PrintOutput>>;
  /** export.print; an error fails the test with its message. */
  print(input: PrintInput): Promise<PrintOutput>;
  /** Closes the session and the service (releases the folder's lock). */
  close(): Promise<void>;
}

/** Opens the session folder's client and keeps it until close(). */
export async function openFolderPrinter(dir: string): Promise<FolderPrinter> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let opened!: (v: { client: LocalClient; sessionId: string }) => void;
  const open = new Promise<{ client: LocalClient; sessionId: string }>((r) => (opened = r));
  const run = withFolderClient(dir, { printer: true }, async (client, sessionId) => {
    opened({ client, sessionId });
    await released;
  });
  const first = await Promise.race([open, run]);
  if ('ok' in first) {
    if (!first.ok) throw new Error(first.error.message);
    throw new Error('the folder client closed before it opened');
  }
  const { client, sessionId } = first;
  const tryPrint = (input: PrintInput) => client.call('export.print', { ...input, sessionId });
  return {
    client,
    sessionId,
    tryPrint,
    async print(input) {
      const r = await tryPrint(input);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async close() {
      release();
      const r = await run;
      if (!r.ok) throw new Error(r.error.message);
    },
  };
}
