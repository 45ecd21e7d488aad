import type * as Crypto from 'node:crypto';
import { lazyRequire } from './lazy-require.js';

/**
 * node:crypto, loaded on first use: loading it costs a start-up some 10 ms, which a run with
 * nothing to hash (a clean file in a pre-commit hook) need not pay.
 */
export const nodeCrypto = lazyRequire<typeof Crypto>('node:crypto');
