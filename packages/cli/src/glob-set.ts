import picomatch from 'picomatch';

/** How a set's patterns match, as picomatch's options of the same names. */
export interface GlobSetOptions {
  /** `*` and `**` match names that start with a dot. */
  readonly dot: boolean;
  /** A pattern without a slash is matched against the path's last segment (its file name). */
  readonly basename?: boolean;
}

/** What compiles the patterns the set cannot answer by name: picomatch, or a test's counting wrapper. */
export type CompileGlobs = (patterns: string[], options: GlobSetOptions) => (path: string) => boolean;

const compilePicomatch: CompileGlobs = (patterns, options) => picomatch(patterns, { dot: options.dot, basename: options.basename ?? false });

/** A name pattern the set answers itself: a literal name, or a literal start and end around one `*`. */
interface NameTest {
  readonly prefix: string;
  readonly suffix: string;
}

const DOT = 0x2e;
const LITERAL = /^[\w.-]+$/;
/** One brace group of literal alternatives, `*.{ts,tsx}`: expanded into one pattern each. */
const SIMPLE_BRACES = /^([^{}]*)\{([\w.-]+(?:,[\w.-]+)+)\}([^{}]*)$/;
/** The literal extension a pattern's last segment ends with (`.yml` of `.github/workflows/*.yml`). */
const LITERAL_EXTENSION = /\.[\w-]+$/;

/**
 * A set of globs as one test of a `/`-separated path, the same answers as picomatch over the
 * whole set. The forms folders expand by (`**∕*.json`, `**∕*.{ts,tsx}`, `**∕Makefile`, and
 * `tsconfig*.json` with `basename`) are answered from the file name by a lookup of its
 * extension, not by trying each pattern's regular expression in turn; picomatch runs only for the
 * other patterns, and only for names ending the way they do, and for paths with a segment that
 * starts with a dot (a dot folder or file, which `**` and `*` do not match without `dot`).
 */
export function globSet(patterns: readonly string[], options: GlobSetOptions, compile: CompileGlobs = compilePicomatch): (path: string) => boolean {
  const names = new Set<string>();
  const byExtension = new Map<string, NameTest[]>();
  const unbucketed: string[] = [];
  const residualByExtension = new Map<string, string[]>();
  for (const pattern of patterns.flatMap(expandBraces)) {
    const name = namePattern(pattern, options);
    const test = name === undefined ? undefined : nameTest(name, options);
    if (test === undefined) {
      const extension = LITERAL_EXTENSION.exec(lastSegment(pattern))?.[0];
      if (extension === undefined) unbucketed.push(pattern);
      else residualByExtension.set(extension, [...(residualByExtension.get(extension) ?? []), pattern]);
    } else if (test.suffix === '' && test.prefix === name) names.add(name);
    else {
      const extension = LITERAL_EXTENSION.exec(test.suffix)![0];
      byExtension.set(extension, [...(byExtension.get(extension) ?? []), test]);
    }
  }
  const whole = once(() => compile([...patterns], options));
  const unbucketedTest = unbucketed.length === 0 ? undefined : compile(unbucketed, options);
  const residualTests = new Map([...residualByExtension].map(([extension, list]) => [extension, compile(list, options)]));
  // `**` enters no dot folder without `dot`, nor `.` or `..` with it: paths with a segment that starts with a dot go to picomatch.
  const byPath = !options.basename;

  return (path) => {
    if (byPath && (path.startsWith('.') || path.includes('/.'))) return whole()(path);
    const nameStart = path.lastIndexOf('/') + 1;
    if (names.size > 0 && names.has(path.slice(nameStart))) return true;
    const dot = path.lastIndexOf('.');
    const extension = dot < nameStart ? '' : path.slice(dot);
    for (const test of byExtension.get(extension) ?? []) if (matchesName(test, path, nameStart, options)) return true;
    if (residualTests.get(extension)?.(path)) return true;
    return unbucketedTest?.(path) ?? false;
  };
}

/** The name part of a pattern that matches a name at any depth (`**∕x`, or `x` with `basename`), else undefined. */
function namePattern(pattern: string, options: GlobSetOptions): string | undefined {
  if (options.basename) return pattern.includes('/') ? undefined : pattern;
  return pattern.startsWith('**/') && !pattern.slice(3).includes('/') ? pattern.slice(3) : undefined;
}

/** `name`, or `prefix*suffix` with a suffix that ends in a literal extension, as a test; undefined for anything else. */
function nameTest(name: string, options: GlobSetOptions): NameTest | undefined {
  if (LITERAL.test(name)) return name.startsWith('.') && !options.dot && !options.basename ? undefined : { prefix: name, suffix: '' };
  const star = name.indexOf('*');
  if (star < 0 || name.indexOf('*', star + 1) >= 0) return undefined;
  const [prefix, suffix] = [name.slice(0, star), name.slice(star + 1)];
  if ((prefix !== '' && !LITERAL.test(prefix)) || !LITERAL.test(suffix) || !LITERAL_EXTENSION.test(suffix)) return undefined;
  return { prefix, suffix };
}

/** Whether the name that starts at `nameStart` in `path` passes the test. */
function matchesName(test: NameTest, path: string, nameStart: number, options: GlobSetOptions): boolean {
  if (path.length - nameStart < test.prefix.length + test.suffix.length || !path.startsWith(test.prefix, nameStart) || !path.endsWith(test.suffix))
    return false;
  // `*` at the start of a name matches no leading dot unless `dot`.
  return options.dot || test.prefix !== '' || path.charCodeAt(nameStart) !== DOT;
}

function expandBraces(pattern: string): string[] {
  const braces = SIMPLE_BRACES.exec(pattern);
  if (!braces) return [pattern];
  const [, before, alternatives, after] = braces;
  return alternatives!.split(',').map((alternative) => `${before}${alternative}${after}`);
}

function lastSegment(pattern: string): string {
  return pattern.slice(pattern.lastIndexOf('/') + 1);
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
