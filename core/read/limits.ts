// The largest file of each kind a reader accepts, checked before anything is parsed (reliability
// B5). Kept apart from the readers so that the import planner, the upload and portal servers and
// the bundle checks can use the limits without loading the readers (pdf-lib, the XML parser).
/** Largest PDF accepted. */
export const PDF_MAX_BYTES = 200 * 1024 * 1024;
/** Largest DOCX accepted. */
export const DOCX_MAX_BYTES = 100 * 1024 * 1024;
/** Largest text file accepted (a 200-page speech is ~300 KB). */
export const TEXT_MAX_BYTES = 20 * 1024 * 1024;
