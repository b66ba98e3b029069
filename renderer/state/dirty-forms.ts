// The "dirty form" registry: forms holding input that is not yet sent as an edit (a field being
// typed in) register here. The header shows 有未保存的输入 instead of 已保存 while any is dirty,
// leaving a screen first saves what can be saved (each form's `save`) and asks before dropping the
// rest, and closing or reloading the window asks too. Usage in a screen:
//   useDirtyForm('info', form.isFieldsTouched() && changed, { label: '会议信息', save: () => submit() });
// `save` returns true when the input was sent (or there was nothing to send), false to stay.
import { useEffect, useRef, useSyncExternalStore } from 'react';

export interface DirtyEntry {
  key: string;
  /** What the clerk calls the form: "材料详情", "会议信息". */
  label: string;
  save?: () => Promise<boolean>;
}

const entries = new Map<string, DirtyEntry>();
const subs = new Set<() => void>();
let snapshot: DirtyEntry[] = [];

function publish(): void {
  snapshot = [...entries.values()];
  subs.forEach((f) => f());
}

function onBeforeUnload(e: BeforeUnloadEvent): void {
  if (!entries.size) return;
  // Electron cancels an unload silently unless its main process handles 'will-prevent-unload'
  // (it does not yet): there the input is sent instead (best effort), never a window that won't close.
  if (typeof navigator !== 'undefined' && /Electron/.test(navigator.userAgent)) {
    for (const x of entries.values()) void x.save?.();
    return;
  }
  e.preventDefault();
  e.returnValue = '';
}

export const dirtyForms = {
  set(entry: DirtyEntry): void {
    const had = entries.size;
    entries.set(entry.key, entry);
    if (!had && typeof window !== 'undefined') window.addEventListener('beforeunload', onBeforeUnload);
    publish();
  },
  clear(key: string): void {
    if (!entries.delete(key)) return;
    if (!entries.size && typeof window !== 'undefined') window.removeEventListener('beforeunload', onBeforeUnload);
    publish();
  },
  list: (): DirtyEntry[] => snapshot,
  subscribe(f: () => void): () => void {
    subs.add(f);
    return () => void subs.delete(f);
  },
  /** Runs every dirty form's save; returns what is still dirty afterwards (no save, or it failed). */
  async flush(): Promise<DirtyEntry[]> {
    for (const e of [...entries.values()]) {
      if (!e.save) continue;
      let saved = false;
      try {
        saved = await e.save();
      } catch {
        saved = false;
      }
      if (saved) dirtyForms.clear(e.key);
    }
    return dirtyForms.list();
  },
};

/** The forms with unsaved input (re-renders when the set changes). */
export function useDirtyForms(): DirtyEntry[] {
  return useSyncExternalStore(dirtyForms.subscribe, dirtyForms.list);
}

/** Registers a form as dirty while `dirty` is true; unregisters on unmount. */
export function useDirtyForm(
  key: string,
  dirty: boolean,
  opts: { label: string; save?: () => Promise<boolean> },
): void {
  const latest = useRef(opts);
  latest.current = opts;
  useEffect(() => {
    if (dirty)
      dirtyForms.set({
        key,
        label: latest.current.label,
        save: () => latest.current.save?.() ?? Promise.resolve(false),
      });
    else dirtyForms.clear(key);
  }, [key, dirty]);
  useEffect(() => () => dirtyForms.clear(key), [key]);
}
