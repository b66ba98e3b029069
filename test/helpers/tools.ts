// Whether a command-line tool (poppler's pdftotext/pdfinfo…) is installed: tests that read their
// output back skip those checks with a visible notice, except under CI=true where a missing tool fails.
import { execFileSync } from 'node:child_process';

export function hasTool(name: string, skipped = 'PDF checks'): boolean {
  try {
    execFileSync(name, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`${name} is required in CI`);
    console.warn(`[skip] ${name} not installed: ${skipped} skipped`);
    return false;
  }
}
