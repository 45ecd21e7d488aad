import { FEW_REQUESTS_V8_FLAGS, LARGE_RUN_V8_FLAGS } from '@otalint/core/engine';

/**
 * Below this many JSON and YAML files (those that may be request files) a large run tiers up
 * later (FEW_REQUESTS_V8_FLAGS). Measured, CPU and main-thread time against the default budget:
 * 1,000 requests -12% and -4%, the mixed repository of 5,000 files (900 JSON or YAML) -9% and -1%,
 * but 3,000 requests -1% and +8%, 10,000 requests +2% and +10%
 * (docs/decisions/0013-later-tier-up-with-few-requests.md).
 */
export const FEW_REQUEST_FILES = 1500;

const MAY_HOLD_REQUESTS = /\.(?:json|ya?ml)$/i;

/** The V8 flags of a large run of `files`: less inlining, and a later tier-up when few may hold requests. */
export function largeRunV8Flags(files: readonly string[]): readonly string[] {
  let requestFiles = 0;
  for (const file of files) if (MAY_HOLD_REQUESTS.test(file) && ++requestFiles >= FEW_REQUEST_FILES) return LARGE_RUN_V8_FLAGS;
  return [...LARGE_RUN_V8_FLAGS, ...FEW_REQUESTS_V8_FLAGS];
}
