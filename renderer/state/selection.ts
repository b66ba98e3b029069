// Selecting several items for a bulk action, as in a file manager: a checkbox or Ctrl/⌘-click
// toggles one item, Shift-click selects the run from the last clicked item, Esc clears. Ids that
// leave the list (deleted, undone) leave the selection too.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export interface Selection {
  selected: ReadonlySet<string>;
  /** The selected ids in list order. */
  ids: string[];
  /** Handles a click with its modifier keys; returns true when it changed the selection. */
  click(id: string, e: { shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean }, toggle?: boolean): boolean;
  set(ids: Iterable<string>): void;
  clear(): void;
}

export function useSelection(order: readonly string[]): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const key = order.join('|');
  useEffect(() => {
    setSelected((cur) => {
      const keep = new Set([...cur].filter((id) => order.includes(id)));
      return keep.size === cur.size ? cur : keep;
    });
  }, [key]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && selected.size) setSelected(new Set());
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected]);

  const click = useCallback(
    (id: string, e: { shiftKey?: boolean; ctrlKey?: boolean; metaKey?: boolean }, toggle = false): boolean => {
      if (e.shiftKey && anchor.current && order.includes(anchor.current)) {
        const a = order.indexOf(anchor.current);
        const b = order.indexOf(id);
        const run = order.slice(Math.min(a, b), Math.max(a, b) + 1);
        setSelected((cur) => new Set([...cur, ...run]));
        return true;
      }
      if (e.ctrlKey || e.metaKey || toggle) {
        anchor.current = id;
        setSelected((cur) => {
          const next = new Set(cur);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        });
        return true;
      }
      return false;
    },
    [key],
  );
  const ids = useMemo(() => order.filter((id) => selected.has(id)), [selected, key]);
  return { selected, ids, click, set: (x) => setSelected(new Set(x)), clear: () => setSelected(new Set()) };
}
