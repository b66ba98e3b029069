// Builds the bytes of a session bundle for bundle.export (issue 13, point 1): every source and
// version file, the bodies worth carrying (derivable ones are left out, see bundledBodyJson), and
// the session. The size is known before anything is zipped: a bundle over BUNDLE_MAX_BYTES is
// refused with a message naming the size (import could not open it), and one over
// BUNDLE_LARGE_BYTES comes back with a notice the UI and the CLI show at export time.
import type { SourceDoc } from '../model/document';
import type { Session, Submission } from '../model/session';
import { err, ok, type Result } from '../result';
import { encodeBundle } from './bundle';
import { BUNDLE_LARGE_BYTES, BUNDLE_MAX_BYTES, mb } from './bundle-limits';
import type { Ports } from './ports';

export interface BuiltBundle {
  bytes: Uint8Array;
  /** Set when the bundle is large: what to tell the clerk. */
  notice?: { code: string; message: string };
}

export async function buildBundle(
  ports: Pick<Ports, 'files' | 'bodies'>,
  sessionId: string,
  session: Session,
  bodyKey: (sub: Submission) => string,
  createdAt: Date,
  opts: { largeBytes?: number; maxBytes?: number } = {},
): Promise<Result<BuiltBundle>> {
  const maxBytes = opts.maxBytes ?? BUNDLE_MAX_BYTES;
  const largeBytes = opts.largeBytes ?? BUNDLE_LARGE_BYTES;
  const files = new Map<string, Uint8Array>();
  const bodies = new Map<string, SourceDoc>();
  let total = 0;
  for (const sub of session.submissions) {
    for (const f of [sub.source.file, ...sub.versions.map((v) => v.file)]) {
      if (files.has(f)) continue;
      const b = await ports.files.get(sessionId, f);
      if (!b.ok) return err('bundle.missing-file', `导出失败：材料“${sub.title}”的文件缺失（${f}）`);
      files.set(f, b.value);
      total += b.value.length;
      if (total > maxBytes) return tooLarge(session, total, maxBytes);
    }
    if (sub.source.format === 'pdf') continue; // its body is the PDF: re-read on open
    const d = await ports.bodies.get(sessionId, bodyKey(sub));
    if (d.ok) bodies.set(bodyKey(sub), d.value);
  }
  const bytes = encodeBundle({ session, files, bodies }, createdAt.toISOString());
  if (bytes.length > maxBytes) return tooLarge(session, bytes.length, maxBytes);
  const notice =
    bytes.length >= largeBytes
      ? {
          code: 'bundle.large',
          message: `会议包较大（${mb(bytes.length)}，含 ${files.size} 个材料文件），复制和导入需要较长时间；用 U 盘拷贝时请确认其格式支持大文件（FAT32 单个文件不超过 4 GB）`,
        }
      : undefined;
  return ok({ bytes, ...(notice ? { notice } : {}) });
}

function tooLarge(session: Session, bytes: number, cap: number): Result<never> {
  return err(
    'bundle.too-large',
    `会议“${session.name}”的材料文件合计已超过 ${mb(bytes)}，超出会议包上限 ${mb(cap)}，无法导出为一个会议包；请删除不需要的旧版本或把会议拆分后分别导出`,
  );
}
