// Imported first by bench/compile-once.ts so the V8 tuning of the CLI applies before the engine's
// modules are evaluated (ES modules run their imports in order).
import { tuneV8ForShortRuns } from '../core/node/v8-tuning';

tuneV8ForShortRuns();
