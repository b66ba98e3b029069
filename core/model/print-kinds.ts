// The print products by name, shared by the contract (what a client may ask for) and core/print
// (the table of products that make them).
export const PRINT_KINDS = [
  'print',
  'booklet',
  'copies',
  'register',
  'handouts',
  'screen',
  'phone',
  'printsheet',
] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];
