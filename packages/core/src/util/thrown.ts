import { inspect } from 'node:util';

/**
 * What a thrown value says, for a message: an Error's message, a thrown string as is, and for
 * anything else (`throw {}`, `throw undefined`) what was thrown, never "undefined".
 */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) return error.message.trim() || `${error.name} (with no message)`;
  if (typeof error === 'string') return error.trim() || 'an empty string was thrown';
  const shown = inspect(error, { depth: 1, breakLength: Infinity, maxArrayLength: 5, maxStringLength: 60 });
  return `it threw ${shown.length > 80 ? `${shown.slice(0, 80)}…` : shown}, not an Error`;
}

/** The stack of a thrown Error, for --debug; what it says otherwise. */
export function thrownDetail(error: unknown, debug: boolean): string {
  return debug && error instanceof Error && error.stack ? error.stack : describeThrown(error);
}
