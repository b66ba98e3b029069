// Errors as values: every fallible operation that crosses a module, process or network boundary
// returns a Result with a stable code and a Chinese message a clerk can act on. Never throw across
// a boundary (Electron passes only a thrown error's message; HTTP would lose the code).

export interface AppError {
  /** Stable, dotted code: 'session.invalid', 'import.docx.encrypted', 'store.stale-revision' … */
  code: string;
  /** Chinese, names the file and the cause. */
  message: string;
  /** The file concerned, when there is one. */
  file?: string;
  /** Technical detail for logs (English is fine). */
  detail?: string;
  /**
   * Per-field problems of a rejected input (e.g. settings.update: field 'layout.marginTop'), each
   * with a Chinese message, so a form can show them at the field.
   */
  fields?: { field: string; message: string }[];
}

export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: string, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): Result<never> => ({
  ok: false,
  error: { code, message, ...extra },
});

/** An exception that carries an AppError, for code deep inside a pipeline; convert at the boundary. */
export class AppException extends Error {
  constructor(readonly error: AppError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** Turns anything thrown into an AppError (with a fallback code). */
export function toAppError(e: unknown, code = 'internal', message = '发生内部错误'): AppError {
  if (e instanceof AppException) return e.error;
  const detail = e instanceof Error ? e.message : String(e);
  return { code, message: `${message}：${detail}`, detail };
}
