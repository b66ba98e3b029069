// Type aliases the service shares with the contract (kept here so edits.ts reads cleanly).
export type { LayoutPatch, SessionMetaPatch, SubmissionPatch } from '../contract/schemas';
import type { z } from 'zod';
import type { MemberPatchSchema } from '../contract/schemas';
export type MemberPatch = z.infer<typeof MemberPatchSchema>;
