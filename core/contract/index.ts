// The contract's public face: what the renderer, Electron and the transports import.
// Pure (zod + types): importing it must never pull in node, lowdb or the DOM.
export * from './api';
export * from './schemas';
export * from './bulk-schemas';
export * from './print-schemas';
export * from './roster-schemas';
export * from './events';
export * from './errors';
export * from './client';
export * from './dispatcher';
export type { Result, AppError } from '../result';
