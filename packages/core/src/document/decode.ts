import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { RESERVED_RULE_IDS } from '../diagnostic.js';
import type { ParseProblem } from './types.js';

/** A file's bytes as text, with what is wrong with its encoding. */
export interface SourceText {
  readonly text: string;
  /** Why the bytes are not UTF-8 text, as the file's first problem. */
  readonly problem?: ParseProblem;
  /**
   * True when `text` encoded as UTF-8 gives back exactly the file's bytes. When false (invalid
   * UTF-8 shown as U+FFFD, UTF-16 read as such) no fix may be written: it would rewrite bytes
   * no fix meant to touch.
   */
  readonly faithful: boolean;
}

/** Text that did not come from bytes (an editor buffer, a test): faithful by definition. */
export function fromText(text: string): SourceText {
  return { text, faithful: true };
}

const CANNOT_READ = 'the AWS CLI cannot read it ("text contents could not be decoded")';

/**
 * Bytes to text, as the AWS CLI reads request files: UTF-8 (a BOM kept as U+FEFF, which the JSON
 * reader reports). UTF-16 and UTF-32, with or without a byte order mark, are recognised and named;
 * UTF-16 is still read so its other problems show. Invalid UTF-8 is an error at its byte offset,
 * and the rest of the file is read with U+FFFD in its place.
 */
export function decodeText(bytes: Uint8Array): SourceText {
  const wide = wideEncoding(bytes);
  if (wide) {
    const problem: ParseProblem = {
      ruleId: RESERVED_RULE_IDS.encoding,
      message: `The file is ${wide.name} (${wide.bom ? 'with' : 'without'} a byte order mark), not UTF-8; ${CANNOT_READ}. Save it as UTF-8.`,
      offset: 0,
      length: 0,
      path: '',
    };
    if (wide.decoder === undefined) return { text: '', problem, faithful: false };
    const text = new TextDecoder(wide.decoder, { ignoreBOM: true }).decode(bytes.subarray(wide.bom ? 2 : 0));
    return { text, problem, faithful: false };
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8');
  if (isUtf8(buffer)) return { text, faithful: true };
  const invalid = invalidUtf8(buffer);
  const offset = buffer.subarray(0, invalid.first).toString('utf8').length;
  const more = invalid.count > 1 ? ` (${invalid.count - 1} more invalid sequence${invalid.count === 2 ? '' : 's'} follow)` : '';
  return {
    text,
    faithful: false,
    problem: {
      ruleId: RESERVED_RULE_IDS.encoding,
      message: `The file is not valid UTF-8: byte ${invalid.first} (0x${hex(buffer[invalid.first]!)}) ${invalid.reason}${more}; ${CANNOT_READ}. Save the file as UTF-8.`,
      offset,
      length: 1,
      path: '',
    },
  };
}

/** An options object, not `'utf8'`: Node 20 copies a default options object for each call given a string. */
const AS_UTF8 = { encoding: 'utf8', flag: 'r' } as const;

/**
 * A file's text, as `decodeText` makes it of the file's bytes, read as the floor reads: as UTF-8
 * in one call, no buffer handed to JavaScript (`readFileSync(file)` opens, stats, reads and closes
 * in four). A text with U+FFFD (bytes that are not UTF-8, or that character itself) or U+0000
 * (UTF-16 and UTF-32 have zero bytes) is read again as bytes, for `decodeText` to say what is
 * wrong: so a text without either is valid UTF-8 and none of the wide encodings.
 */
export function readTextFile(file: string): SourceText {
  const text = readFileSync(file, AS_UTF8);
  if (!text.includes('\uFFFD') && !text.includes('\u0000')) return { text, faithful: true };
  return decodeText(readFileSync(file));
}

const hex = (byte: number) => byte.toString(16).toUpperCase().padStart(2, '0');

interface WideEncoding {
  readonly name: string;
  readonly bom: boolean;
  /** undefined: not decodable here (UTF-32). */
  readonly decoder: 'utf-16le' | 'utf-16be' | undefined;
}

/**
 * UTF-16 or UTF-32, by byte order mark or, without one, by the zero bytes that ASCII text has in
 * them (a request file starts with ASCII: `{`, a key, a comment).
 */
function wideEncoding(bytes: Uint8Array): WideEncoding | undefined {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { name: 'UTF-32 (little-endian)', bom: true, decoder: undefined };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { name: 'UTF-32 (big-endian)', bom: true, decoder: undefined };
  if (a === 0xff && b === 0xfe) return { name: 'UTF-16 (little-endian)', bom: true, decoder: 'utf-16le' };
  if (a === 0xfe && b === 0xff) return { name: 'UTF-16 (big-endian)', bom: true, decoder: 'utf-16be' };
  const sample = bytes.subarray(0, Math.min(bytes.length, 512) & ~3);
  if (sample.length < 4) return undefined;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) zeros[i % 4]!++;
  const quarter = sample.length / 4;
  const mostly = (count: number) => count >= quarter * 0.9;
  const rarely = (count: number) => count <= quarter * 0.1;
  if (rarely(zeros[0]!) && mostly(zeros[1]!) && mostly(zeros[2]!) && mostly(zeros[3]!))
    return { name: 'UTF-32 (little-endian)', bom: false, decoder: undefined };
  if (mostly(zeros[0]!) && mostly(zeros[1]!) && mostly(zeros[2]!) && rarely(zeros[3]!)) return { name: 'UTF-32 (big-endian)', bom: false, decoder: undefined };
  const even = zeros[0]! + zeros[2]!;
  const odd = zeros[1]! + zeros[3]!;
  const half = sample.length / 2;
  if (odd >= half * 0.6 && even <= half * 0.1) return { name: 'UTF-16 (little-endian)', bom: false, decoder: 'utf-16le' };
  if (even >= half * 0.6 && odd <= half * 0.1) return { name: 'UTF-16 (big-endian)', bom: false, decoder: 'utf-16be' };
  return undefined;
}

/** The first invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing past U+10FFFF) and how many there are. */
function invalidUtf8(bytes: Uint8Array): { first: number; reason: string; count: number } {
  let first = -1;
  let reason = '';
  let count = 0;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const need = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : -1;
    let bad: string | undefined;
    let length = 1;
    if (need < 0) bad = lead >= 0x80 && lead <= 0xbf ? 'is a continuation byte with no character before it' : 'cannot start a character';
    else {
      const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
      const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
      for (let k = 1; k <= need; k++) {
        const next = bytes[i + k];
        if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) {
          bad = next === undefined ? 'starts a character the file ends in the middle of' : 'starts a character whose next bytes do not complete it';
          length = k;
          break;
        }
      }
      if (bad === undefined) length = need + 1;
    }
    if (bad !== undefined) {
      if (first < 0) {
        first = i;
        reason = bad;
      }
      count++;
    }
    i += length;
  }
  return { first: Math.max(first, 0), reason, count };
}
