// The files a clerk names on a command line or drops as folders: folders are walked (at most 8
// deep, hidden files and the litter Windows leaves behind skipped), in a stable order, up to a cap;
// a path that does not exist is reported, not thrown. Used by `huibian import` and planImport.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Most files one batch accepts from folders (a session has ~55). */
export const IMPORT_MAX_FILES = 2_000;

export interface ExpandedInputs {
  files: string[];
  /** Inputs that do not exist, each with a Chinese message naming it (code import.not-found). */
  missing: { file: string; message: string }[];
}

export async function expandInputs(inputs: string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const missing: ExpandedInputs['missing'] = [];
  const walk = async (p: string, depth: number): Promise<void> => {
    if (files.length >= IMPORT_MAX_FILES) return;
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      missing.push({ file: p, message: `找不到文件：${p}（${(e as NodeJS.ErrnoException).code}）` });
      return;
    }
    if (st.isDirectory()) {
      if (depth > 8) return;
      const names = (await readdir(p))
        .filter((n) => !n.startsWith('.') && !/^(thumbs\.db|desktop\.ini)$/i.test(n))
        .sort((a, b) => a.localeCompare(b, 'zh'));
      for (const n of names) await walk(path.join(p, n), depth + 1);
    } else if (st.isFile()) files.push(p);
  };
  for (const i of inputs) await walk(i, 0);
  return { files, missing };
}
