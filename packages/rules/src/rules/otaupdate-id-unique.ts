import { defineRule, isFullyKnown, isString, parseIotTarget, targetEntries, type RunRequest } from '@otalint/core';

/**
 * SDK calls in code are left out: programs build requests as they run (in loops, in test suites
 * that each start a fresh emulator, in a test that expects the 409), so a literal id there is no
 * promise to create that update once.
 */
const CODE_KINDS = new Set(['javascript', 'python']);

/**
 * OTA update ids are unique per account and region: CreateOTAUpdate answers a second create with
 * the same id with ResourceAlreadyExistsException (409). Two requests of one run with one id, in
 * the same place, cannot both be created. Requests whose targets put them in different accounts
 * or regions (staging and production, say) do not collide.
 */
export default defineRule({
  meta: {
    id: 'otaupdate-id-unique',
    description: 'No two request files or command lines of a run share an `otaUpdateId` (in the same account and region), since the second create fails.',
    category: 'identity',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    scope: 'run',
    reads: ['otaUpdateId', 'targets'],
    unknownValues: 'checked',
    messages: {
      taken:
        '`otaUpdateId` "{{id}}" is also the id of the update in {{other}}: ids are unique per account and region, so creating the second fails with ResourceAlreadyExistsException (409). Give each update its own id.',
    },
  },
  defaultOptions: {},
  checkRun(context) {
    const firsts = new Map<string, RunRequest[]>();
    for (const request of context.requests) {
      if (CODE_KINDS.has(request.kind)) continue;
      const id = request.value.otaUpdateId;
      if (!isString(id)) continue;
      // Most ids are used once: the first request with one starts its list, and nothing is compared.
      const earlier = firsts.get(id);
      if (earlier === undefined) {
        firsts.set(id, [request]);
        continue;
      }
      const clash = earlier.find((other) => samePlace(placeOf(other), placeOf(request)));
      if (clash) context.report(request, { path: ['otaUpdateId'], messageId: 'taken', data: { id, other: describe(clash) } });
      else earlier.push(request);
    }
  },
});

/** Targets known only at run time may be anywhere: such a request collides with none. */
const ANYWHERE = Symbol('anywhere');

/** `partition:account:region` when every target names the same; undefined when the targets do not say. */
function placeOf(request: RunRequest): string | undefined | typeof ANYWHERE {
  if (!isFullyKnown(request.value.targets)) return ANYWHERE;
  const places = new Set(
    targetEntries(request.value).map((entry) => {
      const target = parseIotTarget(entry.value);
      return target ? `${target.partition}:${target.account}:${target.region}` : undefined;
    }),
  );
  return places.size === 1 ? [...places][0] : undefined;
}

/** Two updates collide unless both places are known and differ, or one's targets are known only at run time. */
function samePlace(a: ReturnType<typeof placeOf>, b: ReturnType<typeof placeOf>): boolean {
  if (a === ANYWHERE || b === ANYWHERE) return false;
  return a === undefined || b === undefined || a === b;
}

function describe(request: RunRequest): string {
  return request.requestsInFile > 1 ? `${request.filePath} (request ${request.requestIndex + 1}, line ${request.line})` : request.filePath;
}
