/**
 * Text from files (values, keys, file names, server answers) made safe to print to a terminal:
 * control characters a terminal acts on (`ESC ] 0;` retitles the window, `ESC [ 2 J` clears it,
 * a carriage return overwrites the line) and the bidirectional overrides that reorder what is
 * shown ("Trojan Source") are written as visible escapes (`\x1B`, `\u202E`). Every human format
 * passes what it prints through here; JSON, SARIF and JUnit escape in their own syntax.
 */

/** C0 controls except tab and line feed, DEL, C1 controls, and the bidirectional marks and overrides. */
const IN_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** The same, plus tab and line feed: a name or key is one line. */
const IN_FIELD = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const escape = (char: string): string => {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
};

/** A message: it may span lines (a stack under --debug), but acts on nothing. */
export function printable(text: string): string {
  return text.replace(IN_TEXT, escape);
}

/** A file name, key or id: one line, acting on nothing. */
export function printableField(text: string): string {
  return text.replace(IN_FIELD, escape);
}
