// Fixtures for the 网上报送 tests: a portal-enabled session on a real HTTP server (real disk store,
// real importer), speech files generated with the docx package, and a tiny multipart client.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { startServer, type RunningServer } from '../../core/node/http-server';
import { httpClient } from '../contract/http-client';
import type { Clock } from '../../core/service/ports';

export async function speechDocx(
  title: string,
  byline: string,
  body = '各位委员：这是发言的正文。',
): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: title, size: 44, font: { eastAsia: '方正小标宋简体' } })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: byline, size: 32, font: { eastAsia: '楷体' } })],
          }),
          new Paragraph({ children: [new TextRun({ text: body.repeat(3), size: 32 })] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

export interface PortalFixture {
  server: RunningServer;
  dataDir: string;
  client: ReturnType<typeof httpClient>;
  sessionId: string;
  members: { id: string; name: string }[];
  portalUrl: string;
  links: { memberId: string; name: string; url: string; notice: string }[];
  clock: { set(d: Date): void };
  close(): Promise<void>;
}

export async function startPortal(
  opts: { limits?: { perAddress?: number; perToken?: number; badTokens?: number }; staticDir?: string } = {},
): Promise<PortalFixture> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'huibian-portal-'));
  let now = new Date();
  const clock: Clock = { now: () => now };
  const server = await startServer({
    dataDir,
    staticDir: opts.staticDir,
    overrides: { snapshotEveryMs: 0, clock },
    portal: { host: '127.0.0.1', port: 0, limits: opts.limits },
  });
  const client = httpClient(server.url, server.token);
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  let v = must(
    await client.call('sessions.create', { name: '政协某市第十三届委员会常务委员会第九次会议', date: '2026-12-09' }),
  );
  const sessionId = v.session.id;
  for (const name of ['丁建国', '孙喆', '王丽华'])
    v = must(
      await client.call('roster.add', {
        sessionId,
        revision: v.revision,
        member: { name, sector: '文化艺术界', title: '市政协常委' },
      }),
    );
  const deadline = new Date(Date.now() + 7 * 86400_000).toISOString();
  const st = must(await client.call('portal.open', { sessionId, deadline, kinds: ['speech', 'written', 'report'] }));
  const links = must(await client.call('portal.links', { sessionId }));
  return {
    server,
    dataDir,
    client,
    sessionId,
    members: v.session.members.map((m) => ({ id: m.id, name: m.name })),
    portalUrl: st.baseUrl!,
    links,
    clock: { set: (d) => (now = d) },
    async close() {
      client.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST a file as multipart/form-data, field `file` (plus kind / replace). */
export async function postFile(
  url: string,
  name: string,
  bytes: Uint8Array,
  fields: Record<string, string> = {},
): Promise<{
  status: number;
  body: { ok: boolean; value?: never; error?: { code: string; message: string } } & Record<string, unknown>;
}> {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  fd.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  const res = await fetch(`${url}/files`, { method: 'POST', body: fd });
  return { status: res.status, body: (await res.json()) as never };
}
