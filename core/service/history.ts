// Undo/redo for one open session: whole-session states, cheap because edits share structure and
// bodies live outside the session. Bounded (default 200 steps) so memory stays flat in a long day.
import type { Session } from '../model/session';
import type { HistoryState } from '../contract/schemas';

interface Step {
  label: string;
  before: Session;
  after: Session;
}

export class History {
  private undoStack: Step[] = [];
  private redoStack: Step[] = [];
  constructor(private readonly limit = 200) {}

  push(label: string, before: Session, after: Session): void {
    this.undoStack.push({ label, before, after });
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
  }

  /** The state to go back to, or undefined. */
  undo(): { label: string; session: Session } | undefined {
    const step = this.undoStack.pop();
    if (!step) return undefined;
    this.redoStack.push(step);
    return { label: step.label, session: step.before };
  }

  redo(): { label: string; session: Session } | undefined {
    const step = this.redoStack.pop();
    if (!step) return undefined;
    this.undoStack.push(step);
    return { label: step.label, session: step.after };
  }

  /** Puts a step back after its save could not be applied (keeps history consistent). */
  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }

  state(): HistoryState {
    const u = this.undoStack[this.undoStack.length - 1];
    const r = this.redoStack[this.redoStack.length - 1];
    return {
      canUndo: !!u,
      canRedo: !!r,
      ...(u ? { undoLabel: u.label } : {}),
      ...(r ? { redoLabel: r.label } : {}),
      undoDepth: this.undoStack.length,
      redoDepth: this.redoStack.length,
    };
  }
}
