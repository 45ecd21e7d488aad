/** A request written out as a file would hold it (2-space JSON), for cases that point into it. */
export const json = (request: unknown): string => `${JSON.stringify(request, null, 2)}\n`;

/** One file of a request, with the other members every request carries left out. */
export const withFile = (file: Record<string, unknown>): { files: unknown[] } => ({ files: [file] });
