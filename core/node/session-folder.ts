// Reads a session folder from disk: session.json (validated; a bad file names the field) and the
// source files beside it, each turned into a SourceDoc by the reader registry, and resolves a
// Markdown source's images inside the folder (folderImageResolver, used by the folder ports). The
// CLI's commands go through the contract (core/node/folder-ports.ts); they read session.json with
// loadSessionFile; loadSessionFolder (session and sources at once) serves benchmarks and tests. It never writes.
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SessionSchema, describeIssues, type Session, type Submission } from '../model/session';
import type { SourceDoc } from '../model/document';
import { err, ok, type AppError, type Result } from '../result';
import { readSource, type ReadContext } from '../read/registry';
import { IMAGE_LIMITS, sniffImage } from '../read/images/info';

export const SESSION_FILE = 'session.json';

export async function loadSessionFile(dir: string): Promise<Result<Session>> {
  const file = path.join(dir, SESSION_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(
      'session.not-found',
      code === 'ENOENT' ? `找不到会议文件：${file}` : `无法读取会议文件 ${file}（${code}）`,
      { file },
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return err('session.not-json', `会议文件 ${file} 不是有效的 JSON：${(e as Error).message}`, { file });
  }
  const parsed = SessionSchema.safeParse(json);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    return err('session.invalid', `会议文件 ${file} 有错误：${issues.slice(0, 5).join('；')}`, {
      file,
      detail: issues.join('\n'),
    });
  }
  return ok(parsed.data);
}

export interface LoadedSession {
  dir: string;
  session: Session;
  docs: Map<string, SourceDoc>;
  /** Per-file failures; the rest of the session still loads. */
  failures: { submission: Submission; error: AppError }[];
}

/** Loads session.json and reads every submission's source file (limited parallelism). */
/**
 * Resolves a Markdown image path relative to the Markdown file, but only inside the session folder
 * and only for PNG/JPEG within the size cap: a submission can never make us read other files.
 */
export function folderImageResolver(sessionDir: string, sourceFile: string): NonNullable<ReadContext['resolveImage']> {
  const root = path.resolve(sessionDir) + path.sep;
  return (src) => {
    let rel: string;
    try {
      rel = decodeURIComponent(src.split(/[?#]/)[0]);
    } catch {
      return undefined;
    }
    if (!rel || path.isAbsolute(rel) || /^[a-z][a-z0-9+.-]*:/i.test(rel)) return undefined;
    const file = path.resolve(path.dirname(sourceFile), rel);
    if (!file.startsWith(root)) return undefined;
    try {
      if (statSync(file).size > IMAGE_LIMITS.maxBytes) return undefined;
      const data = readFileSync(file);
      const kind = sniffImage(data);
      if (kind === 'png') return { mime: 'image/png', data };
      if (kind === 'jpeg') return { mime: 'image/jpeg', data };
    } catch {
      // missing or unreadable: the reader keeps the alt text and warns
    }
    return undefined;
  };
}

export async function loadSessionFolder(
  dir: string,
  opts: {
    concurrency?: number;
    /** PDF items: extract the text layer (slow; compile does not need it). */ pdfText?: boolean;
  } = {},
): Promise<Result<LoadedSession>> {
  const s = await loadSessionFile(dir);
  if (!s.ok) return s;
  const session = s.value;
  const docs = new Map<string, SourceDoc>();
  const failures: LoadedSession['failures'] = [];
  const queue = [...session.submissions];
  const worker = async () => {
    for (let sub = queue.shift(); sub; sub = queue.shift()) {
      const file = path.resolve(dir, sub.source.file);
      if (!file.startsWith(path.resolve(dir) + path.sep)) {
        failures.push({
          submission: sub,
          error: {
            code: 'session.bad-path',
            message: `材料“${sub.title}”的文件路径超出会议文件夹：${sub.source.file}`,
            file: sub.source.file,
          },
        });
        continue;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (e) {
        failures.push({
          submission: sub,
          error: {
            code: 'source.not-found',
            message: `找不到材料“${sub.title}”的文件：${sub.source.file}（${(e as NodeJS.ErrnoException).code}）`,
            file: sub.source.file,
          },
        });
        continue;
      }
      const r = await readSource(bytes, {
        format: sub.source.format,
        fileName: sub.source.file,
        pdfText: opts.pdfText ?? false,
        resolveImage: folderImageResolver(dir, file),
      });
      if (r.ok) docs.set(sub.id, r.value);
      else failures.push({ submission: sub, error: r.error });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return ok({ dir, session, docs, failures });
}
