/**
 * Errors whose message a page has put in the reader's own language and words (a place that could not be located,
 * named: 「“Kita-ku, Okayama” could not be located. Enter a 7-digit postal code…」). ErrorAlert shows such a message
 * as it is; any other API error is said by its code in English (i18n/server-text.ts apiErrorText), which for these
 * would be a general sentence ("The record was not found…") in place of the page's specific one.
 */
const withOwnMessage = new WeakSet<Error>();

/** Marks `error` as carrying a message in the reader's language, to be shown as it is. */
export function withReadersMessage<E extends Error>(error: E): E {
  withOwnMessage.add(error);
  return error;
}

/** The message to show as it is, when a page put it in the reader's language (withReadersMessage); else null. */
export function readersMessageOf(error: unknown): string | null {
  return error instanceof Error && withOwnMessage.has(error) ? error.message : null;
}
