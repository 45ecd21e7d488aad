import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './exit-codes.js';

export const IGNORE_FILE = '.otalintignore';
const REQUEST_EXTENSIONS = '{json,yaml,yml}';
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];
/**
 * Files that sit beside request files but are never requests: skipped when a folder is expanded
 * (naming one explicitly still lints it).
 */
const NOT_REQUESTS = [
  '**/package.json',
  '**/package-lock.json',
  '**/pnpm-lock.yaml',
  '**/pnpm-workspace.yaml',
  '**/tsconfig*.json',
  '**/.otalintrc.json',
  '**/.pre-commit-config.yaml',
  '**/.pre-commit-hooks.yaml',
  '**/action.yml',
  '**/action.yaml',
];

export interface Discovered {
  /** Paths relative to cwd, sorted, unique. */
  readonly files: string[];
  /** Named explicitly but excluded by .otalintignore or config ignores. */
  readonly ignoredExplicit: string[];
}

/**
 * Expand files, folders and globs the way users expect from ESLint: a folder means its request
 * files (*.json, *.yaml, *.yml), node_modules and .git are never entered, .otalintignore is
 * honoured, and a pattern that matches nothing is an error, never a silent pass.
 */
export async function discover(
  patterns: readonly string[],
  cwd: string,
  isIgnoredByConfig: (file: string) => boolean = () => false,
  /** Files this run reads or writes itself (reports, baseline): never expanded as requests. */
  ownFiles: readonly string[] = [],
): Promise<Discovered> {
  const own = new Set(ownFiles.map((file) => toRelative(cwd, path.resolve(cwd, file))));
  const ignoreFile = await loadIgnoreFile(cwd);
  const isIgnored = (relative: string) =>
    (ignoreFile !== undefined && !relative.startsWith('..') && relative !== '' && ignoreFile(relative)) || isIgnoredByConfig(relative);
  const found = new Set<string>();
  const ignoredExplicit: string[] = [];

  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    const absolute = path.resolve(cwd, pattern);
    const stat = existsSync(absolute) ? statSync(absolute) : undefined;
    if (stat?.isFile()) {
      const relative = toRelative(cwd, absolute);
      if (isIgnored(relative)) ignoredExplicit.push(relative);
      else found.add(relative);
      continue;
    }
    let matches: string[];
    // fast-glob is loaded only here: a hook that names its files (pre-commit) never pays for it.
    const { default: fg } = await import('fast-glob');
    if (stat?.isDirectory()) {
      const base = fg.convertPathToPattern(toRelative(cwd, absolute) || '.');
      matches = await fg(`${base === '.' ? '' : `${base}/`}**/*.${REQUEST_EXTENSIONS}`, {
        cwd,
        ignore: [...ALWAYS_SKIPPED, ...NOT_REQUESTS],
        dot: false,
        onlyFiles: true,
      });
      matches = matches.filter((file) => !isIgnored(file));
      if (matches.length === 0) throw new UsageError(`No request files (*.json, *.yaml, *.yml) in "${pattern}".`);
    } else if (fg.isDynamicPattern(pattern)) {
      matches = (await fg(pattern.replace(/\\/g, '/'), { cwd, ignore: ALWAYS_SKIPPED, dot: false, onlyFiles: true })).filter((file) => !isIgnored(file));
      if (matches.length === 0) throw new UsageError(`No files match the pattern "${pattern}".`);
    } else {
      throw new UsageError(`No such file or folder: "${pattern}".`);
    }
    for (const match of matches) {
      const relative = toRelative(cwd, path.resolve(cwd, match));
      if (!own.has(relative)) found.add(relative);
    }
  }
  return { files: [...found].sort(), ignoredExplicit };
}

/** The .otalintignore matcher of a folder, or undefined when it has none. */
export async function loadIgnoreFile(cwd: string): Promise<((relative: string) => boolean) | undefined> {
  const file = path.join(cwd, IGNORE_FILE);
  if (!existsSync(file)) return undefined;
  const { default: ignore } = await import('ignore');
  const matcher = ignore().add(readFileSync(file, 'utf8'));
  return (relative) => matcher.ignores(relative);
}

function toRelative(cwd: string, absolute: string): string {
  return path.relative(cwd, absolute).split(path.sep).join('/');
}
