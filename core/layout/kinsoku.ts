// 禁则 (line-breaking prohibitions) for Chinese text: which characters may not start or end a line.
// Pure data and predicates; the line breaker applies them by pushing characters down a line.
// It must never decide to squeeze or hang punctuation: GB/T 9704 practice is to push.

/** May not begin a line: closing brackets and quotes, pause/stop marks, ellipsis, dash, percent. */
export const NO_LINE_START = new Set([...'，。、；：？！）》」』’”〕】…—%', ...',.;:?!)]}%', ...'〉］｝〗〙·‰℃％']);

/** May not end a line: opening brackets and quotes. */
export const NO_LINE_END = new Set([...'（《「『‘“〔【', ...'([{', ...'〈［｛〖〘']);

export const forbidsStart = (text: string): boolean => text.length > 0 && NO_LINE_START.has(text[0]);
export const forbidsEnd = (text: string): boolean => text.length > 0 && NO_LINE_END.has(text[text.length - 1]);
