import { UsageError } from '../exit-codes.js';
import { LINT_OPTION_SPEC } from '../options.js';

/** submit understands every lint option that makes sense without --fix, plus its own. */
export const SUBMIT_OPTION_SPEC = {
  ...LINT_OPTION_SPEC,
  'dry-run': { type: 'boolean' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  wait: { type: 'boolean' },
  'wait-timeout': { type: 'string' },
  'wait-interval': { type: 'string' },
  journal: { type: 'string' },
  'max-attempts': { type: 'string' },
  'request-timeout': { type: 'string' },
  bail: { type: 'boolean' },
} as const;

export const SUBMIT_FORMATS = ['stylish', 'json'] as const;

/** A positive number of seconds (decimals allowed), in milliseconds. */
export function parseSeconds(flag: string, value: string | undefined, fallbackSeconds: number): number {
  if (value === undefined) return fallbackSeconds * 1000;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new UsageError(`--${flag} takes a number of seconds above 0, got "${value}".`);
  return Math.round(Number(value) * 1000);
}

export function parseMaxAttempts(value: string | undefined): number {
  if (value === undefined) return 3;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 20)
    throw new UsageError(`--max-attempts takes a whole number from 1 to 20, got "${value}".`);
  return Number(value);
}

export function parseEndpointUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--endpoint-url takes a URL such as https://iot.eu-west-1.amazonaws.com, got "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--endpoint-url must be http or https, got "${value}".`);
  return value;
}
