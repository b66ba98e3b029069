// The check of an output file named on the command line or by a caller, made before any work:
// a file name in an existing folder, not a folder itself. One rule for `huibian compile` and
// compileDocs (tests, benches); errors carry the code compile.output-dir and name the path.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { err, ok, type Result } from '../result';

export async function checkOutputFile(file: string): Promise<Result<true>> {
  const dir = path.dirname(path.resolve(file));
  try {
    if (!(await stat(dir)).isDirectory()) return err('compile.output-dir', `输出位置不是文件夹：${dir}`, { file });
  } catch (e) {
    return err('compile.output-dir', `输出文件夹不存在：${dir}（${(e as NodeJS.ErrnoException).code ?? e}）`, { file });
  }
  const st = await stat(file).catch(() => undefined);
  if (st?.isDirectory()) return err('compile.output-dir', `输出路径是一个文件夹，请给出文件名：${file}`, { file });
  return ok(true);
}
