import type { AwsAccount, Unavailable } from '../account/types.js';
import { DEFAULT_DEVICE_PROFILE, deviceProfile, type DeviceProfile } from '../device/profiles.js';
import type { Diagnostic, FileResult, JsonPath } from '../diagnostic.js';
import type { RequestDocument, SourceDocument } from '../document/types.js';
import type { RequestValue } from '../request.js';
import { isAccountRule, type AccountRule, type Report } from '../rules/define-rule.js';
import { requestRegion } from '../util/request-region.js';
import { toJsonPointer } from '../util/json-pointer.js';
import { isOnKnownGround } from '../value/known-ground.js';
import { byPosition, internalError, resolveReport, type ActiveRule } from './lint-document.js';

/** A file after its per-request rules, before suppressions and fingerprints (`Linter.check`). */
export interface CheckedFile {
  readonly document: SourceDocument;
  readonly result: FileResult;
}

export interface AccountStepOptions {
  readonly account: AwsAccount;
  /** `--region`: the region every update is checked in. */
  readonly region?: string | undefined;
  /** The AWS default chain's region, for requests whose ARNs name none. */
  readonly defaultRegion?: string | undefined;
  /** The device profile config gives a file; default the `freertos` profile. */
  readonly deviceFor?: (filePath: string) => DeviceProfile;
  readonly debug?: boolean;
}

/**
 * Run the account rules (category `deep`) over every request of every checked file, all at once:
 * the account caches its answers and bounds how many calls are in flight, so requests that name
 * the same bucket or role share one call. Returns the findings by file, resolved to ranges.
 */
export async function runAccountRules(
  files: readonly CheckedFile[],
  rulesFor: (filePath: string) => readonly ActiveRule[],
  options: AccountStepOptions,
): Promise<Map<string, Diagnostic[]>> {
  const found = new Map<string, Diagnostic[]>();
  const runs: Array<Promise<void>> = [];
  for (const { document, result } of files) {
    if (result.fatal) continue;
    const active = rulesFor(document.filePath).filter((rule) => isAccountRule(rule.rule));
    if (active.length === 0) continue;
    const messages: Diagnostic[] = [];
    found.set(document.filePath, messages);
    const several = document.requests.length > 1;
    for (const request of document.requests) {
      const value = request.value;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      const region = options.region ?? requestRegion(value) ?? options.defaultRegion;
      const device = options.deviceFor?.(document.filePath) ?? deviceProfile(DEFAULT_DEVICE_PROFILE);
      for (const rule of active) {
        runs.push(checkRequest(document, request, rule, { ...options, region, device, requestIndex: several ? request.index : undefined }, messages));
      }
    }
  }
  await Promise.all(runs);
  // Calls answer in any order; findings come out in the file's order.
  for (const messages of found.values()) messages.sort(byPosition);
  return found;
}

async function checkRequest(
  document: SourceDocument,
  request: RequestDocument,
  active: ActiveRule,
  options: AccountStepOptions & { region: string | undefined; device: DeviceProfile; requestIndex: number | undefined },
  out: Diagnostic[],
): Promise<void> {
  const rule = active.rule as AccountRule<unknown, string>;
  const value = request.value as RequestValue;
  const keep = (diagnostic: Diagnostic, path: JsonPath) => {
    if (!request.hasUnknowns || isOnKnownGround(value, path, 'value')) out.push(diagnostic);
  };
  try {
    await rule.checkAccount({
      request: value,
      options: active.options,
      filePath: document.filePath,
      requestIndex: request.index,
      account: options.account,
      device: options.device,
      region: options.region,
      report: (report: Report<string>) => keep(resolveReport(document, request, active, report, options.requestIndex), report.path),
      cannotCheck: (path, what, lookup) => keep(cannotCheckDiagnostic(document, request, active.id, path, what, lookup, options.requestIndex), path),
    });
  } catch (error) {
    out.push(internalError(document, request, active.id, error, options.debug === true, options.requestIndex));
  }
}

function cannotCheckDiagnostic(
  document: SourceDocument,
  request: RequestDocument,
  ruleId: string,
  path: JsonPath,
  what: string,
  lookup: Unavailable,
  requestIndex: number | undefined,
): Diagnostic {
  return {
    ruleId,
    severity: 'info',
    message: `Could not check ${what}: ${lookup.reason}.`,
    path: toJsonPointer(path),
    ...document.range(request.locate(path, 'value')),
    ...(requestIndex === undefined ? {} : { requestIndex }),
  };
}
