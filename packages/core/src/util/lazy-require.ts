import { createRequire } from 'node:module';

/**
 * A package or Node built-in loaded on its first use (resolved from @otalint/core), so a run that
 * never needs it never pays for loading it. The resolver itself is made then too: in the bundled
 * CLI, making it costs a resolution of this package.
 */
export function lazyRequire<T>(specifier: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= createRequire(import.meta.url)(specifier) as T);
}
