// 网上报送 end to end over real sockets: the clerk opens the portal, a member visits their link,
// uploads, corrects, replaces; and every fence the issue names holds: another member's token, an
// admin call on the portal port, no / forged / revoked / expired token, oversized, wrong-type and
// hostile files, rate limits, tokens stored only hashed, refusals logged.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postFile, speechDocx, startPortal, type PortalFixture } from './fixtures';

describe('网上报送: a member hands in, corrects and replaces their own file', () => {
  let f: PortalFixture;
  beforeAll(async () => {
    f = await startPortal();
  });
  afterAll(() => f.close());

  it('gives every member a personal link of ≥ 128 bits with a notice, on the portal address', () => {
    expect(f.links).toHaveLength(3);
    for (const l of f.links) {
      expect(l.url.startsWith(`${f.portalUrl}/s/`)).toBe(true);
      const token = l.url.split('/s/')[1];
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/); // 192 bits
      expect(l.notice).toContain(l.url);
      expect(l.notice).toContain('截止时间');
    }
    expect(new Set(f.links.map((l) => l.url)).size).toBe(3);
  });

  it('serves the page with a strict CSP and the member state, and nothing of other members', async () => {
    const me = f.links[0];
    const page = await fetch(me.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await page.text()).toContain('网上报送');
    const st = await (await fetch(`${me.url}/state`)).json();
    expect(st.ok).toBe(true);
    expect(st.value.memberName).toBe(me.name);
    expect(st.value.open).toBe(true);
    expect(JSON.stringify(st)).not.toContain(f.links[1].name);
  });

  it('imports an upload through the one importer, marks it 网上报送 and issues a receipt', async () => {
    const me = f.links[0];
    const bytes = await speechDocx('关于推进齐文化传承发展的建议', '市政协常委 丁建国');
    const r = await postFile(me.url, '丁建国发言.docx', bytes, { kind: 'speech' });
    expect(r.status).toBe(200);
    const v = r.body.value as unknown as {
      receipt: { number: string; hash: string; size: number; fileName: string };
      item: { title: string; submissionId: string; editable: boolean };
    };
    expect(v.receipt.number).toMatch(/^\d{4}-0001$/);
    expect(v.receipt.hash).toMatch(/^[0-9a-f]{12}$/);
    expect(v.receipt.size).toBe(bytes.length);
    expect(v.receipt.fileName).toBe('丁建国发言.docx');
    expect(v.item.title).toBe('关于推进齐文化传承发展的建议');
    expect(v.item.editable).toBe(true);
    // The clerk's board: the item is there, the member's, marked 网上报送.
    const s = await f.client.call('sessions.state', { sessionId: f.sessionId });
    if (!s.ok) throw new Error(s.error.message);
    const sub = s.value.session.submissions.find((x) => x.id === v.item.submissionId)!;
    expect(sub.receivedVia).toBe('portal');
    expect(sub.memberIds).toEqual([me.memberId]);
    expect(sub.kind).toBe('speech');
    const log = await f.client.call('portal.log', { sessionId: f.sessionId });
    expect(log.ok && log.value[0]).toMatchObject({
      name: me.name,
      action: 'upload',
      file: '丁建国发言.docx',
      size: bytes.length,
      hash: v.receipt.hash,
    });
    // The log entry with its file facts is one edit: the last undo step is the receipt itself.
    const h = await f.client.call('history.state', { sessionId: f.sessionId });
    expect(h.ok && h.value.undoLabel).toBe('网上报送');
  });

  it('lets the member correct the title and replace the file; another member can do neither', async () => {
    const me = f.links[0];
    const other = f.links[1];
    const st = (await (await fetch(`${me.url}/state`)).json()).value;
    const id = st.items[0].submissionId as string;
    const amend = await fetch(`${me.url}/items/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: '关于推进齐文化创造性转化的建议', kind: 'written' }),
    });
    expect(amend.status).toBe(200);
    expect((await amend.json()).value.title).toBe('关于推进齐文化创造性转化的建议');
    const theirs = await fetch(`${other.url}/items/${id}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title: '篡改' }),
    });
    expect(theirs.status).toBe(403);
    expect((await theirs.json()).error.code).toBe('portal.not-yours');
    const stolen = await postFile(other.url, 'x.docx', await speechDocx('别人的标题', '孙喆'), { replace: id });
    expect(stolen.status).toBe(403);
    const rep = await postFile(
      me.url,
      '丁建国发言-修改稿.docx',
      await speechDocx('关于推进齐文化传承发展的建议（修改稿）', '市政协常委 丁建国'),
      { replace: id },
    );
    expect(rep.status).toBe(200);
    const s = await f.client.call('sessions.state', { sessionId: f.sessionId });
    const sub = s.ok ? s.value.session.submissions.find((x) => x.id === id)! : undefined;
    expect(sub?.versions).toHaveLength(1);
    expect(sub?.kind).toBe('written');
    // The other member sees none of it.
    const theirState = (await (await fetch(`${other.url}/state`)).json()).value;
    expect(theirState.items).toEqual([]);
  });
});

describe('网上报送: the fences', () => {
  let f: PortalFixture;
  beforeAll(async () => {
    f = await startPortal({ limits: { badTokens: 6 } });
  });
  afterAll(() => f.close());

  it('answers no admin call, no static path, no missing or forged token', async () => {
    for (const p of [
      '/rpc/sessions.list',
      '/events',
      `/files/${f.sessionId}/x.pdf`,
      '/index.html',
      '/portal/../package.json',
      '/s/',
      '/',
    ]) {
      const res = await fetch(`${f.portalUrl}${p}`, {
        method: p.startsWith('/rpc') ? 'POST' : 'GET',
        headers: { Authorization: `Bearer ${f.server.token}` },
      });
      expect([404, 405]).toContain(res.status);
      expect(await res.text()).not.toContain(f.sessionId.length > 3 ? '"session"' : 'x');
    }
    const forged = await fetch(`${f.portalUrl}/s/${'A'.repeat(32)}/state`);
    expect(forged.status).toBe(404);
    expect((await forged.json()).error.message).toContain('链接无效');
  });

  it('refuses a revoked link and serves the reissued one', async () => {
    const who = f.links[2];
    const r = await f.client.call('portal.revoke', { sessionId: f.sessionId, memberId: who.memberId });
    if (!r.ok) throw new Error(r.error.message);
    const old = await fetch(`${who.url}/state`);
    expect(old.status).toBe(410);
    expect((await old.json()).error.message).toContain('收回');
    const fresh = r.value.find((l) => l.memberId === who.memberId)!;
    expect(fresh.url).not.toBe(who.url);
    expect((await fetch(`${fresh.url}/state`)).status).toBe(200);
  });

  it('stores tokens only hashed: session.json and bundles hold no token', async () => {
    const dir = path.join(f.dataDir, 'sessions', f.sessionId);
    const json = await readFile(path.join(dir, 'session.json'), 'utf8');
    for (const l of f.links) expect(json).not.toContain(l.url.split('/s/')[1]);
    expect(json).toMatch(/"hash": ?"[0-9a-f]{64}"/);
  });

  it('refuses a wrong type, an oversized and a hostile file with Chinese messages', async () => {
    const me = f.links[0];
    const exe = await postFile(me.url, '病毒.exe', new Uint8Array([0x4d, 0x5a, 1, 2]));
    expect(exe.status).toBe(415);
    expect(exe.body.error!.message).toContain('不支持的文件类型');
    const big = await postFile(me.url, '很长.txt', new Uint8Array(21 * 1024 * 1024).fill(0x41));
    expect(big.status).toBe(413);
    expect(big.body.error!.message).toContain('文件过大');
    // XXE in the main part: refused by the importer's XML defences, named.
    const xxe = zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
      'word/document.xml': strToU8(
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>',
      ),
    });
    const bad = await postFile(me.url, '发言.docx', xxe);
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.body.ok).toBe(false);
    expect(bad.body.error!.message).not.toContain('root:');
    // Nothing of these reached the session; no upload is left on disk.
    const s = await f.client.call('sessions.state', { sessionId: f.sessionId });
    expect(s.ok && s.value.session.submissions.length).toBe(0);
    expect(await readdir(path.join(f.dataDir, 'portal-uploads'))).toEqual([]);
  });

  it('closes at the deadline: uploads refused with the deadline named', async () => {
    f.clock.set(new Date(Date.now() + 30 * 86400_000));
    const me = f.links[0];
    const late = await postFile(me.url, '迟交.docx', await speechDocx('迟交的发言', '丁建国'));
    expect(late.status).toBe(403);
    expect(late.body.error!.message).toContain('截止');
    const st = (await (await fetch(`${me.url}/state`)).json()).value;
    expect(st.open).toBe(false);
    f.clock.set(new Date());
  });

  it('slows down an address that guesses links, and logs every refusal without the token', async () => {
    let last = 0;
    for (let k = 0; k < 8; k++) last = (await fetch(`${f.portalUrl}/s/${String(k).padStart(32, 'B')}/state`)).status;
    expect(last).toBe(429);
    const log = await readFile(path.join(f.dataDir, 'logs', `portal-${f.sessionId}.log`), 'utf8');
    const lines = log
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.some((l) => l.code === 'portal.rate')).toBe(true);
    expect(lines.some((l) => l.code === 'portal.not-found' && l.path === '/rpc/sessions.list')).toBe(true);
    for (const l of f.links) expect(log).not.toContain(l.url.split('/s/')[1]);
  });
});

describe('网上报送 after a restart of the app', () => {
  it('listens again when the session opens, with the same links (the key is kept), until the deadline', async () => {
    const f = await startPortal();
    const token = f.links[0].url.split('/s/')[1];
    await f.server.close();
    const { startServer } = await import('../../core/node/http-server');
    const { httpClient } = await import('../contract/http-client');
    const server = await startServer({
      dataDir: f.dataDir,
      overrides: { snapshotEveryMs: 0 },
      portal: { host: '127.0.0.1', port: 0 },
    });
    const client = httpClient(server.url, server.token);
    try {
      const before = await client.call('portal.state', { sessionId: f.sessionId });
      expect(before.ok && before.value.running).toBe(false);
      expect((await client.call('sessions.open', { sessionId: f.sessionId })).ok).toBe(true);
      let st = await client.call('portal.state', { sessionId: f.sessionId });
      for (let k = 0; k < 50 && !(st.ok && st.value.running); k++) {
        await new Promise((r) => setTimeout(r, 50));
        st = await client.call('portal.state', { sessionId: f.sessionId });
      }
      if (!st.ok) throw new Error(st.error.message);
      expect(st.value.running).toBe(true);
      const res = await fetch(`${st.value.baseUrl}/s/${token}/state`);
      expect(res.status).toBe(200);
      expect((await res.json()).value.memberName).toBe(f.links[0].name);
    } finally {
      client.close();
      await server.close();
      f.client.close();
      const { rm } = await import('node:fs/promises');
      await rm(f.dataDir, { recursive: true, force: true });
    }
  });
});

describe('网上报送 for an organisation that submits in its own name', () => {
  it('gives the organisation a link; its upload is credited to it, not to a member', async () => {
    const f = await startPortal();
    try {
      const r = await f.client.call('portal.organisations', { sessionId: f.sessionId, names: ['民盟某市委会'] });
      if (!r.ok) throw new Error(r.error.message);
      const org = r.value.find((l) => l.kind === 'org')!;
      expect(org).toMatchObject({ name: '民盟某市委会', memberId: 'org:民盟某市委会' });
      expect(org.notice.startsWith('民盟某市委会：')).toBe(true);
      const st = (await (await fetch(`${org.url}/state`)).json()).value;
      expect(st.memberName).toBe('民盟某市委会');
      const up = await postFile(
        org.url,
        '调研报告.docx',
        await speechDocx('关于发展夜间经济的调研报告', '民盟某市委会'),
        { kind: 'report' },
      );
      expect(up.status).toBe(200);
      const s = await f.client.call('sessions.state', { sessionId: f.sessionId });
      const sub = s.ok ? s.value.session.submissions[0] : undefined;
      expect(sub?.memberIds).toEqual([]);
      expect(sub?.organisations).toEqual(['民盟某市委会']);
      expect(sub?.kind).toBe('report');
      // Removing the organisation withdraws its link.
      await f.client.call('portal.organisations', { sessionId: f.sessionId, names: [] });
      expect((await fetch(`${org.url}/state`)).status).toBe(410);
    } finally {
      await f.close();
    }
  });
});
