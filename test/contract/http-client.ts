// A Client over HTTP for tests (node fetch + a small SSE reader): POST /rpc/<name> with the
// bearer token, events from GET /events?token=. Mirrors what the browser transport does.
import type { Client } from '../../core/contract';

export function httpClient(base: string, token: string): Client & { close(): void } {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const ctrl = new AbortController();
  let started = false;
  const startEvents = () => {
    if (started) return;
    started = true;
    void (async () => {
      try {
        const res = await fetch(`${base}/events?token=${encodeURIComponent(token)}`, { signal: ctrl.signal });
        const reader = res.body!.getReader();
        const dec = new TextDecoder();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += dec.decode(value, { stream: true });
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const ev = /^event: (.+)$/m.exec(block)?.[1];
            const data = /^data: (.+)$/m.exec(block)?.[1];
            if (ev && data) for (const cb of listeners.get(ev) ?? []) cb(JSON.parse(data));
          }
        }
      } catch {
        // closed
      }
    })();
  };
  return {
    async call(name, input) {
      try {
        const res = await fetch(`${base}/rpc/${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
        return await res.json();
      } catch (e) {
        return { ok: false, error: { code: 'transport.failed', message: String(e) } };
      }
    },
    on(event, cb) {
      startEvents();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const f = cb as (p: unknown) => void;
      set.add(f);
      return () => set!.delete(f);
    },
    close: () => ctrl.abort(),
  };
}

/** The bytes of a served output file, fetched with the bearer token as the browser's download does. */
export async function fetchServed(server: { url: string; token: string }, f: { url: string }): Promise<Uint8Array> {
  const res = await fetch(`${server.url}${f.url}`, { headers: { Authorization: `Bearer ${server.token}` } });
  if (res.status !== 200) throw new Error(`GET ${f.url}: ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}
