// Stable error codes of the contract. Clients switch on these, so they never change meaning;
// messages are Chinese and may be reworded. Codes from readers/importers pass through unchanged.
export const ErrorCodes = {
  /** Input failed its schema; message lists the fields. */
  badInput: 'contract.bad-input',
  /** The service returned something its output schema rejects (a bug; logged). */
  badOutput: 'contract.bad-output',
  unknownCall: 'contract.unknown-call',
  internal: 'internal',
  /** The revision sent is not the current one: reload and retry (S8). */
  staleRevision: 'store.stale-revision',
  readOnly: 'store.read-only',
  sessionNotFound: 'store.session-not-found',
  sessionDamaged: 'store.session-damaged',
  snapshotNotFound: 'store.snapshot-not-found',
  saveFailed: 'store.save-failed',
  notFound: 'not-found',
  nothingToUndo: 'history.nothing-to-undo',
  nothingToRedo: 'history.nothing-to-redo',
  bundleInvalid: 'bundle.invalid',
  compileFailed: 'compile.failed',
  compileCancelled: 'compile.cancelled',
  unauthorized: 'http.unauthorized',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
