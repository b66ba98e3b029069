// The one contract test suite, run against the in-memory service and over HTTP (same cases).
// Each case drives the service only through Client.call / Client.on, as the UI does. The cases live
// in suite-*.ts by subject and run in this order on one harness.
import { afterAll, beforeAll, describe } from 'vitest';
import type { Client } from '../../core/contract';
import { must, type Harness, type SuiteContext } from './suite-kit';
import { sessionCases } from './suite-sessions';
import { editCases } from './suite-edits';
import { rosterCases } from './suite-roster';
import { outputCases } from './suite-outputs';

export { file, md, type Harness } from './suite-kit';

export function contractSuite(name: string, make: () => Promise<Harness>) {
  describe(`contract over ${name}`, () => {
    let h: Harness | undefined;
    beforeAll(async () => {
      h = await make();
    });
    afterAll(async () => {
      await h?.cleanup();
    });
    const s: SuiteContext = {
      get h() {
        if (!h) throw new Error('contract suite: the harness is not made yet');
        return h;
      },
      get c(): Client {
        return s.h.client;
      },
      newSession: async (n = '测试会议') => must(await s.c.call('sessions.create', { name: n, date: '2026-12-01' })),
      importInto: async (v, files, sectionIndex = 0) =>
        must(
          await s.c.call('submissions.import', {
            sessionId: v.session.id,
            revision: v.revision,
            sectionId: v.session.sections[sectionIndex].id,
            files,
          }),
        ),
    };
    sessionCases(s);
    editCases(s);
    rosterCases(s);
    outputCases(s);
  });
}
