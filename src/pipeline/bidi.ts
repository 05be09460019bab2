/**
 * Text without Unicode's bidi controls (embeddings, overrides, isolates, marks: the Bidi_Control
 * property, exactly U+061C, U+200E, U+200F, U+202A–U+202E and U+2066–U+2069). A file name can carry
 * them to pass `invoice\u202Efdp.exe` off as `invoiceexe.pdf`, and `<bdi>` does not neutralise them
 * inside the name: so every name the element shows or says, and every message an event carries (a
 * page may show it), goes through here. The `File` and the AttachmentName sent to Connect keep the
 * name as it is. No DOM.
 */
export const withoutBidiControls = (text: string): string => text.replace(/\p{Bidi_C}/gu, '');
