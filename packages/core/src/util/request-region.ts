import { parseArn, REGION } from './arn.js';
import { signingParts } from './signing.js';
import { isObject, isString } from './guards.js';
import { targetEntries } from './request-lists.js';
import { parseIotTarget } from './iot-target.js';

/**
 * The region a request's own ARNs name: its first well-formed target's, else its first signing
 * certificate's. An update is created in one region and its targets must be there, so this is
 * the region to check it in when `--region` does not say.
 */
export function requestRegion(request: unknown): string | undefined {
  for (const target of targetEntries(request)) {
    const parsed = parseIotTarget(target.value);
    if (parsed) return parsed.region;
  }
  for (const { part } of signingParts(request, 'startSigningJobParameter')) {
    const parameter = part.value.signingProfileParameter;
    const arn = isObject(parameter) && isString(parameter.certificateArn) ? parseArn(parameter.certificateArn) : undefined;
    if (arn && REGION.test(arn.region)) return arn.region;
  }
  return undefined;
}
