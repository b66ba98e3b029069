// Test sessions: a valid Session parsed from only the fields a test cares about (schema version,
// id, name and date defaulted), and roster members m1, m2… from names.
import { SessionSchema, type Session, type SessionInput } from '../../core/model/session';

export function testSession(fields: Partial<SessionInput> = {}): Session {
  return SessionSchema.parse({ schemaVersion: 1, id: 's', name: '测试会议', date: '2023-09-20', ...fields });
}

/** Members m1, m2… named in order. */
export const membersNamed = (...names: string[]) => names.map((name, i) => ({ id: `m${i + 1}`, name }));
