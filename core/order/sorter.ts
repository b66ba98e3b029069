// The Sorter port implementation for the service (ports.sorter): sortSection wrapped as a Result, so
// a missing section or an unknown rule becomes an error value rather than an exception. The
// characters without stroke data are kept on the side (lastUnknownChars) for the UI to show.
import type { Session, SortRule } from '../model/session';
import { err, ok, toAppError, type Result } from '../result';
import { sortSection, type SortSectionOptions, type SortSectionResult } from './section-sort';

export interface OrderSorter {
  sort(session: Session, sectionId: string, rule: SortRule): Result<string[]>;
  /** Full result (with unknownChars) for callers that can show it. */
  sortWithReport(session: Session, sectionId: string, rule: SortRule): Result<SortSectionResult>;
  /** Han characters that the last sort could order by stroke count only. */
  lastUnknownChars: string[];
}

export function createOrderSorter(opts: SortSectionOptions = {}): OrderSorter {
  const sorter: OrderSorter = {
    lastUnknownChars: [],
    sortWithReport(session, sectionId, rule) {
      try {
        const r = sortSection(session, sectionId, rule, opts);
        sorter.lastUnknownChars = r.unknownChars;
        return ok(r);
      } catch (e) {
        const error = toAppError(e, 'order.failed', `排序失败（栏目 ${sectionId}）`);
        return err(error.code, error.message, { detail: error.detail });
      }
    },
    sort(session, sectionId, rule) {
      const r = sorter.sortWithReport(session, sectionId, rule);
      return r.ok ? ok(r.value.items) : r;
    },
  };
  return sorter;
}
