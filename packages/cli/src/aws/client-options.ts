import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { closest } from '@otalint/core';
import { UsageError } from '../exit-codes.js';

/**
 * How otalint reaches AWS, for every command that does (submit, lint --deep): the standard
 * credential chain, with these flags over it. One parser and one SDK config for all clients.
 */
export const AWS_OPTION_SPEC = {
  region: { type: 'string' },
  profile: { type: 'string' },
  'endpoint-url': { type: 'string' },
  'max-attempts': { type: 'string' },
  'request-timeout': { type: 'string' },
} as const;

export const AWS_OPTIONS_HELP = `      --region REGION        AWS region (default: AWS_REGION, then the profile's region)
      --profile NAME         Shared config profile (default: AWS_PROFILE, then "default")
      --endpoint-url URL     Send every AWS call to this endpoint (a test endpoint, a proxy)
      --max-attempts N       Attempts per call on throttling, 5xx and network errors (default 3)
      --request-timeout SEC  Fail an attempt that gets no answer in SEC seconds (default 30)`;

/** Failures that are about the setup (no region, no credentials), not about one request. */
export class ClientSetupError extends Error {
  override readonly name = 'ClientSetupError';
}

export interface AwsClientOptions {
  readonly region?: string | undefined;
  readonly profile?: string | undefined;
  readonly endpointUrl?: string | undefined;
  readonly maxAttempts: number;
  readonly requestTimeoutMs: number;
}

export function parseAwsClientOptions(values: {
  region?: string | undefined;
  profile?: string | undefined;
  'endpoint-url'?: string | undefined;
  'max-attempts'?: string | undefined;
  'request-timeout'?: string | undefined;
}): AwsClientOptions {
  return {
    region: values.region,
    profile: values.profile,
    endpointUrl: parseEndpointUrl(values['endpoint-url']),
    maxAttempts: parseMaxAttempts(values['max-attempts']),
    requestTimeoutMs: parseSeconds('request-timeout', values['request-timeout'], 30),
  };
}

/** The config every SDK client otalint makes starts from (a region override aside). */
export function sdkClientConfig(options: AwsClientOptions, region = options.region) {
  // The SDK warns on Node 20 at import; otalint supports Node 20, so the warning is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return {
    ...(region !== undefined ? { region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.endpointUrl !== undefined ? { endpoint: options.endpointUrl } : {}),
    maxAttempts: options.maxAttempts,
    // Adaptive: standard retries, and after a throttling answer the client itself slows down.
    retryMode: 'adaptive',
    // Without throwOnRequestTimeout the SDK only logs a warning and keeps waiting.
    requestHandler: { requestTimeout: options.requestTimeoutMs, throwOnRequestTimeout: true },
  };
}

/** A positive number of seconds (decimals allowed), in milliseconds. */
export function parseSeconds(flag: string, value: string | undefined, fallbackSeconds: number): number {
  if (value === undefined) return fallbackSeconds * 1000;
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new UsageError(`--${flag} takes a number of seconds above 0, got "${value}".`);
  return Math.round(Number(value) * 1000);
}

function parseMaxAttempts(value: string | undefined): number {
  if (value === undefined) return 3;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 20)
    throw new UsageError(`--max-attempts takes a whole number from 1 to 20, got "${value}".`);
  return Number(value);
}

function parseEndpointUrl(value: string | undefined): string | undefined {
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

const DIRECTIONS = ['central', 'north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest'];
/** Every AWS region is `<area>[-<partition part>]-<direction>-<number>`: us-east-1, cn-northwest-1, us-gov-west-1, eusc-de-east-1. */
const REGION_SHAPE = new RegExp(`^[a-z]{2,4}(-[a-z]+)*-(${DIRECTIONS.join('|')})-\\d{1,2}$`);

/**
 * Refuse a region name no AWS region can have (`us-wets-2`, `eu-west1`) before anything is sent:
 * the SDK would build an endpoint for it and fail on DNS after its retries. A region of the right
 * shape that this otalint does not know (a new one) is let through.
 */
export function checkRegion(region: string): void {
  if (REGION_SHAPE.test(region)) return;
  const parts = region.split('-');
  const repaired = parts.map((part, i) => (i > 0 && i === parts.length - 2 ? (closest(part, DIRECTIONS) ?? part) : part)).join('-');
  const hint = REGION_SHAPE.test(repaired) && repaired !== region ? ` Did you mean "${repaired}"?` : ' Regions look like us-east-1 or eu-central-1.';
  throw new ClientSetupError(`"${region}" is not an AWS region name.${hint} (It came from --region, AWS_REGION or the profile's region.)`);
}

/**
 * A named profile (`--profile`, `AWS_PROFILE`) that neither shared file defines fails later as
 * "Could not load credentials from any providers" or "No AWS region": name it now, with the
 * profiles the files do define.
 */
export function checkProfile(given: string | undefined, env: NodeJS.ProcessEnv = process.env): void {
  const profile = given ?? env.AWS_PROFILE;
  if (profile === undefined || profile === '' || profile === 'default') return;
  const configFile = env.AWS_CONFIG_FILE || path.join(homedir(), '.aws', 'config');
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || path.join(homedir(), '.aws', 'credentials');
  const defined = new Set([...sections(configFile).map((name) => name.replace(/^profile\s+/, '')), ...sections(credentialsFile)]);
  if (defined.has(profile)) return;
  const known = [...defined].sort();
  const nearest = closest(profile, known);
  throw new ClientSetupError(
    `The profile "${profile}" (${given === undefined ? 'AWS_PROFILE' : '--profile'}) is in neither ${configFile} nor ${credentialsFile}.` +
      (nearest ? ` Did you mean "${nearest}"?` : known.length > 0 ? ` Profiles there: ${known.join(', ')}.` : ''),
  );
}

function sections(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return [...text.matchAll(/^\s*\[([^\]]+)\]/gm)].map((match) => match[1]!.trim());
}
