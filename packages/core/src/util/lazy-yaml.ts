import type * as Yaml from 'yaml';
import { lazyRequire } from './lazy-require.js';

/** The `yaml` package, loaded on first use: a run over JSON files never pays its ~40 ms. */
export const yaml = lazyRequire<typeof Yaml>('yaml');
