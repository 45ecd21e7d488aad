import { isUnknown } from '../value/unknown.js';

/**
 * The limits every source kind is held to, so that no file, however built, can crash or stall a
 * run: past a limit the file gets one `limit-exceeded` diagnostic naming it, and the other files
 * keep their results. Real requests sit far below each of them (a CreateOTAUpdate request is at
 * most 7 levels deep, and its job document is capped at 32 KB).
 */
export const LIMITS = {
  /** Characters in one file. */
  maxFileChars: 10 * 1024 * 1024,
  /** Objects and lists inside each other in one request. */
  maxDepth: 100,
  /** A request's size once aliases (YAML anchors, shared references) are expanded, in characters. */
  maxExpandedChars: 16 * 1024 * 1024,
  /** YAML alias nodes resolved in one document (the `yaml` package's maxAliasCount). */
  maxYamlAliases: 1000,
} as const;

export type LimitName = 'file size' | 'nesting depth' | 'expanded size';

export interface LimitBreach {
  readonly limit: LimitName;
  readonly message: string;
}

const megabytes = (chars: number) => `${Math.round(chars / (1024 * 1024))} MB`;

/** The file-size limit, checked before a kind reads the text. */
export function fileSizeBreach(text: string): LimitBreach | undefined {
  if (text.length <= LIMITS.maxFileChars) return undefined;
  return {
    limit: 'file size',
    message: `The file has ${text.length.toLocaleString('en-US')} characters, more than otalint reads (${megabytes(LIMITS.maxFileChars)}); it was not checked. A request file is a few kilobytes: is this the right file?`,
  };
}

export function depthBreach(): LimitBreach {
  return {
    limit: 'nesting depth',
    message: `The request nests objects and lists more than ${LIMITS.maxDepth} levels deep, past otalint's nesting limit; it was not checked. A CreateOTAUpdate request is at most 7 levels deep.`,
  };
}

/** How often a request value was walked for the limits, for tests that hold it to the values that need it. */
export const valueWalks = { count: 0 };

/**
 * Depth and expanded size of a request value, walked without recursion and stopped at the first
 * limit passed, so the walk itself costs at most the limits. A value reached twice (a YAML alias)
 * counts each time, as it would once sent.
 */
export function valueLimitBreach(value: unknown): LimitBreach | undefined {
  valueWalks.count++;
  let size = 0;
  // Two stacks side by side: no object per value walked.
  const values: unknown[] = [value];
  const depths: number[] = [0];
  const push = (item: unknown, depth: number) => {
    values.push(item);
    depths.push(depth);
  };
  while (values.length > 0) {
    const current = values.pop();
    const depth = depths.pop()!;
    if (typeof current === 'string') size += current.length + 2;
    else if (current === null || typeof current !== 'object' || isUnknown(current) || current instanceof Date) size += 8;
    else if (ArrayBuffer.isView(current)) size += current.byteLength;
    else {
      if (depth >= LIMITS.maxDepth) return depthBreach();
      size += 2;
      if (Array.isArray(current)) for (const item of current) push(item, depth + 1);
      else
        for (const key of Object.keys(current)) {
          size += key.length + 3;
          push((current as Record<string, unknown>)[key], depth + 1);
        }
    }
    if (size > LIMITS.maxExpandedChars) {
      return {
        limit: 'expanded size',
        message: `The request expands to more than ${megabytes(LIMITS.maxExpandedChars)} (aliases or repeated references multiply its content), past otalint's expanded-size limit; it was not checked.`,
      };
    }
  }
  return undefined;
}

/**
 * Whether JSON-like text nests `[`/`{` deeper than the limit, outside double-quoted strings
 * (with backslash escapes). For readers whose parser recurses: check before parsing.
 */
export function bracketsNestDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x5b || ch === 0x7b) {
      if (++depth > limit) return true;
    } else if ((ch === 0x5d || ch === 0x7d) && depth > 0) depth--;
  }
  return false;
}
