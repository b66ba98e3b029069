// Remembers the main window's size, position and maximised state in a small JSON in userData.
// A damaged or foreign file must never stop the app from opening: it falls back to defaults.
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const StateSchema = z.object({
  width: z.number().int().min(400).max(20000),
  height: z.number().int().min(300).max(20000),
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof StateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
export const MIN_SIZE = { width: 960, height: 640 };

export function windowStateFile(userData: string): string {
  return join(userData, 'window-state.json');
}

export function loadWindowState(userData: string): WindowState {
  try {
    const parsed = StateSchema.safeParse(JSON.parse(readFileSync(windowStateFile(userData), 'utf8')));
    if (!parsed.success) return { ...DEFAULT_WINDOW_STATE };
    return {
      ...parsed.data,
      width: Math.max(MIN_SIZE.width, parsed.data.width),
      height: Math.max(MIN_SIZE.height, parsed.data.height),
    };
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Writes via a temp file and rename so a crash never leaves half a JSON. */
export function saveWindowState(userData: string, state: WindowState): void {
  const file = windowStateFile(userData);
  try {
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
  } catch {
    // Losing the window size is harmless; never let it disturb closing the app.
  }
}

/** Keeps the saved position only if it lies on one of the current displays. */
export function visibleOnSomeDisplay(
  state: WindowState,
  displays: { x: number; y: number; width: number; height: number }[],
): WindowState {
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = displays.some(
    (d) => x + 100 > d.x && y >= d.y - 10 && x < d.x + d.width - 100 && y < d.y + d.height - 100,
  );
  return visible ? state : { width: state.width, height: state.height, maximized: state.maximized };
}
