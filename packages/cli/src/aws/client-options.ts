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
