import { existsSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { SourceKinds } from '@otalint/core/engine';
import { UsageError } from './exit-codes.js';
import { absoluteIn } from './paths.js';
import { globSet } from './glob-set.js';
import { walkFiles, type WalkResult } from './walk.js';

export const IGNORE_FILE = '.otalintignore';
/** Folders never entered, at any depth. */
const ALWAYS_SKIPPED = ['node_modules', '.git'];
/**
 * Files that sit beside request files but are never requests: skipped when a folder is expanded
 * (naming one explicitly still lints it).
 */
export const NOT_REQUESTS = [
  'package.json',
  'package-lock.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'tsconfig*.json',
  '.otalintrc.json',
  '.pre-commit-config.yaml',
  '.pre-commit-hooks.yaml',
  'action.yml',
  'action.yaml',
];

export interface DiscoverOptions {
  /** Config `ignores` (global ignore objects). */
  readonly isIgnoredByConfig?: (file: string) => boolean;
  /** Files this run reads or writes itself (reports, baseline): never expanded as requests. */
  readonly ownFiles?: readonly string[];
  /** The kinds whose files a folder expands to (their `patterns`). */
  readonly sourceKinds: SourceKinds;
  /** Kinds config turns off for folders (`sources: { markdown: false }`). */
  readonly disabledKinds?: ReadonlySet<string>;
  /** `--no-ignore`: neither .otalintignore nor config `ignores` applies. */
  readonly noIgnore?: boolean;
  /** `--ignore-pattern`: more patterns to ignore, gitignore syntax, relative to the working directory. */
  readonly ignorePatterns?: readonly string[];
  /** `--no-error-on-unmatched-pattern`: a pattern that matches nothing is not an error. */
  readonly allowUnmatched?: boolean;
}

export interface Discovered {
  /** Paths relative to cwd, sorted, unique. */
  readonly files: string[];
  /** The files named on the command line (the rest came from folders and globs). */
  readonly named: ReadonlySet<string>;
  /** Named explicitly but excluded by .otalintignore or config ignores. */
  readonly ignoredExplicit: string[];
  /** Folders a folder or glob led into that could not be read (each becomes that folder's diagnostic). */
  readonly unreadableFolders: ReadonlyArray<{ readonly folder: string; readonly error: unknown }>;
}

/**
 * Expand files, folders and globs the way users expect from ESLint: a folder means the files of
 * every source kind (request files, and whatever else the kinds read), node_modules and .git are
 * never entered, each real folder is entered once however many links lead to it, the nearest
 * .otalintignore is honoured, and a pattern that matches nothing is an error, never a silent pass.
 */
export async function discover(patterns: readonly string[], cwd: string, options: DiscoverOptions): Promise<Discovered> {
  const own = new Set((options.ownFiles ?? []).map((file) => toRelative(cwd, path.resolve(cwd, file))));
  const ignored = options.noIgnore ? () => false : await ignoreMatcher(cwd, options);
  const found = new Set<string>();
  const named = new Set<string>();
  const ignoredExplicit: string[] = [];
  const unreadableFolders: Array<{ folder: string; error: unknown }> = [];
  const kindPatterns = [...new Set(options.sourceKinds.kinds.filter((kind) => !options.disabledKinds?.has(kind.id)).flatMap((kind) => kind.patterns))];
  const notRequest = globSet(NOT_REQUESTS, { dot: true, basename: true });

  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    const absolute = path.resolve(cwd, pattern);
    const stat = statOrUndefined(absolute);
    if (stat?.isFile()) {
      const relative = toRelative(cwd, absolute);
      if (ignored(relative)) ignoredExplicit.push(relative);
      else {
        found.add(relative);
        named.add(relative);
      }
      continue;
    }
    let walked: WalkResult;
    if (stat?.isDirectory()) {
      const isKindFile = globSet(kindPatterns, { dot: false });
      const namedDotFolders = dotFoldersNamedBy(kindPatterns);
      walked = walkFiles(absolute, cwd, {
        // A folder expands with dot: false: only a dot folder a kind names (`.github`) can hold a match.
        skipFolder: (_relative, name) => ALWAYS_SKIPPED.includes(name) || (name.startsWith('.') && !namedDotFolders.has(name)),
        wantFile: (relative, fromFolder) => isKindFile(fromFolder) && !notRequest(relative),
      });
      if (!walked.files.some((file) => !ignored(file)) && walked.unreadable.length === 0 && !options.allowUnmatched) {
        throw new UsageError(`No files to lint in "${pattern}" (${describeKinds(options.sourceKinds)}).`);
      }
    } else if (picomatch.scan(pattern).isGlob) {
      walked = walkGlob(pattern, cwd);
      if (!walked.files.some((file) => !ignored(file)) && walked.unreadable.length === 0 && !options.allowUnmatched) {
        throw new UsageError(`No files match the pattern "${pattern}".`);
      }
    } else {
      if (options.allowUnmatched) continue;
      throw new UsageError(`No such file or folder: "${pattern}".`);
    }
    for (const relative of walked.files) if (!own.has(relative) && !ignored(relative)) found.add(relative);
    for (const entry of walked.unreadable) if (!ignored(entry.folder) && !ignored(`${entry.folder}/`)) unreadableFolders.push(entry);
  }
  return { files: [...found].sort(), named, ignoredExplicit, unreadableFolders };
}

/** The dot folders that patterns name outright, such as `.github` in the workflow pattern `.github/workflows/*.yml`. */
function dotFoldersNamedBy(patterns: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const pattern of patterns) for (const match of pattern.matchAll(/(?:^|\/)(\.[^/*?[\]{}]+)\//g)) names.add(match[1]!);
  return names;
}

/** The files a glob matches: walked from the folder the glob starts in. */
function walkGlob(pattern: string, cwd: string): WalkResult {
  const written = pattern.replace(/\\/g, '/');
  const { base } = picomatch.scan(written);
  const start = path.resolve(cwd, base || '.');
  if (!statOrUndefined(start)?.isDirectory()) return { files: [], unreadable: [] };
  const absolutePattern = path.isAbsolute(written);
  const matches = picomatch(written, { dot: false });
  // A glob that names a dot folder (`.ota/*.json`) may enter dot folders; others cannot match in them.
  const namesDotFolder = /(^|\/)\.[^./]/.test(written);
  return walkFiles(start, cwd, {
    skipFolder: (_relative, name) => ALWAYS_SKIPPED.includes(name) || (!namesDotFolder && name.startsWith('.')),
    wantFile: (relative) => matches(absolutePattern ? path.resolve(cwd, relative).split(path.sep).join('/') : relative),
  });
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

let notRequests: Promise<(relative: string) => boolean> | undefined;

/**
 * Whether folder expansion passes over this file (a relative path) as one that is never a
 * request (package.json, lock files, tool configs), or it lies in node_modules or .git: what an
 * editor leaves alone when the file is opened.
 */
export async function isPassedOver(relative: string): Promise<boolean> {
  notRequests ??= gitignoreMatcher([...NOT_REQUESTS, 'node_modules/', '.git/'].join('\n'));
  return inside(relative) && (await notRequests)(relative);
}

function describeKinds(kinds: SourceKinds): string {
  return kinds.kinds.map((kind) => kind.description).join('; ');
}

/** Everything that can make a file ignored: .otalintignore, --ignore-pattern, config ignores. */
async function ignoreMatcher(cwd: string, options: DiscoverOptions): Promise<(relative: string) => boolean> {
  const ignoreFile = await loadIgnoreFile(cwd);
  const extra = options.ignorePatterns?.length ? await gitignoreMatcher(options.ignorePatterns.join('\n')) : undefined;
  return (relative) =>
    (ignoreFile?.(absoluteIn(cwd, relative)) ?? false) ||
    (extra !== undefined && inside(relative) && extra(relative)) ||
    (options.isIgnoredByConfig?.(relative) ?? false);
}

/** The nearest .otalintignore, from `cwd` up (as the config is found), or undefined. */
export function findIgnoreFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, IGNORE_FILE);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The nearest .otalintignore as a matcher of absolute paths; its patterns are relative to its
 * own folder, as .gitignore's are. Undefined when there is none.
 */
export async function loadIgnoreFile(cwd: string): Promise<((absolute: string) => boolean) | undefined> {
  const file = findIgnoreFile(cwd);
  if (file === undefined) return undefined;
  const matcher = await gitignoreMatcher(readFileSync(file, 'utf8'));
  const base = path.dirname(file);
  return (absolute) => {
    const relative = toRelative(base, absolute);
    return inside(relative) && matcher(relative);
  };
}

async function gitignoreMatcher(patterns: string): Promise<(relative: string) => boolean> {
  const { default: ignore } = await import('ignore');
  const matcher = ignore().add(patterns);
  return (relative) => matcher.ignores(relative);
}

/** A path the ignore library can judge: below the base folder, not the folder itself. */
function inside(relative: string): boolean {
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

function toRelative(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/');
}
