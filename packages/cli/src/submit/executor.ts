import type { Diagnostic } from '@otalint/core/engine';
import { isUnreadableSuccess } from '../aws/errors.js';
import { isAlreadyExists, toAwsFailure } from './aws-failure.js';
import { toSdkInput } from './blobs.js';
import { differences } from './compare.js';
import type { FaultHook } from '../fault-hooks.js';
import type { IotClient, RemoteUpdate } from './iot-client.js';
import type { EventFields, Journal, NewEntry } from './journal.js';
import type { CreatedUpdate, SubmissionResult, WaitOutcome } from './types.js';
import { waitForUpdate, type WaitOptions } from './waiter.js';

/** A file that passed lint and will be sent. */
export interface ReadyRequest {
  readonly filePath: string;
  readonly requestIndex?: number | undefined;
  readonly line?: number | undefined;
  readonly otaUpdateId: string;
  readonly request: Record<string, unknown>;
  readonly requestHash: string;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ExecutorDeps {
  readonly client: IotClient;
  readonly journal: Journal;
  readonly fault: FaultHook;
  readonly wait?: WaitOptions | undefined;
  /** Aborts the call in flight (a second Ctrl-C); its outcome is then unknown, settled by the next run. */
  readonly signal?: AbortSignal | undefined;
}

const CONFLICT_HINT = 'an update with this otaUpdateId and different content exists; ids cannot be reused: give this request a new otaUpdateId';

/** What GetOTAUpdate tells about an existing update: its fields, and its failure if it failed. */
const fieldsOf = (remote: RemoteUpdate): { update: CreatedUpdate; wait?: WaitOutcome } => ({
  update: {
    otaUpdateId: remote.otaUpdateId,
    awsIotJobId: remote.awsIotJobId,
    otaUpdateArn: remote.otaUpdateArn,
    awsIotJobArn: remote.awsIotJobArn,
    otaUpdateStatus: remote.otaUpdateStatus,
  },
  ...(remote.otaUpdateStatus === 'CREATE_FAILED'
    ? { wait: { otaUpdateStatus: 'CREATE_FAILED', ...(remote.errorInfo ? { errorInfo: remote.errorInfo } : {}), timedOut: false } }
    : {}),
});

/**
 * Send one request at most once. The journal records the attempt before the call and the outcome
 * after; a 409 is checked against the journal and GetOTAUpdate before it is called a conflict,
 * because a retry after a lost response meets its own first attempt.
 */
export async function submitRequest(ready: ReadyRequest, deps: ExecutorDeps): Promise<SubmissionResult> {
  const { client, journal } = deps;
  const id = ready.otaUpdateId;
  const base = {
    filePath: ready.filePath,
    ...(ready.requestIndex === undefined ? {} : { requestIndex: ready.requestIndex, line: ready.line }),
    otaUpdateId: id,
    requestHash: ready.requestHash,
    diagnostics: ready.diagnostics,
  };
  const entry = { endpoint: client.endpoint, region: client.region, otaUpdateId: id, requestHash: ready.requestHash, file: ready.filePath };
  const record = (event: EventFields) => journal.append({ ...entry, ...event } as NewEntry);

  const earlier = journal.lastSuccess(client.endpoint, id);
  if (earlier && earlier.requestHash === ready.requestHash) {
    const confirmed = await confirmEarlier(ready, deps, { when: earlier.time, unconfirmed: 'trust-journal' });
    if (confirmed) return finish(confirmed, ready, deps);
  } else if (journal.sentBefore(client.endpoint, id, ready.requestHash, journal.run)) {
    // An earlier run sent this exact request and never recorded the answer (killed, or the answer
    // was unreadable): ask AWS before sending, so it is not sent a second time.
    const confirmed = await confirmEarlier(ready, deps, { unconfirmed: 'send' });
    if (confirmed) return finish(confirmed, ready, deps);
  }

  record({ event: 'attempt' });
  let update: CreatedUpdate;
  try {
    update = await client.create(toSdkInput(ready.request), deps.signal);
  } catch (error) {
    if (isAlreadyExists(error)) {
      const resolved = await resolveConflict(ready, deps, toAwsFailure(error));
      record(
        resolved.status === 'conflict'
          ? {
              event: 'outcome',
              result: 'conflict',
              error: { code: 'ResourceAlreadyExistsException', message: 'an update with this id and different content exists' },
            }
          : resolved.status === 'failed'
            ? { event: 'outcome', result: 'failed', error: journalError(resolved.error) }
            : { event: 'outcome', result: 'already-exists', ...arnAndStatus(resolved.update) },
      );
      return finish(resolved, ready, deps);
    }
    const failure = toAwsFailure(error);
    const aborted = deps.signal?.aborted === true;
    if (aborted || isUnreadableSuccess(failure)) {
      record({ event: 'outcome', result: 'unknown', error: journalError(failure) });
      const why = aborted ? 'interrupted while the request was in flight' : `AWS answered ${failure.code}: ${failure.message}`;
      return {
        ...base,
        status: 'unknown',
        error: failure,
        note: `outcome unknown: ${why}; the next run confirms it with GetOTAUpdate before sending anything`,
      };
    }
    record({ event: 'outcome', result: 'failed', error: journalError(failure) });
    return { ...base, status: 'failed', error: failure };
  }
  deps.fault('after-response');
  record({ event: 'outcome', result: 'created', ...arnAndStatus(update) });
  return finish({ ...base, status: 'sent', update }, ready, deps);
}

function arnAndStatus(update: CreatedUpdate | undefined): { otaUpdateArn?: string; otaUpdateStatus?: string } {
  return {
    ...(update?.otaUpdateArn !== undefined ? { otaUpdateArn: update.otaUpdateArn } : {}),
    ...(update?.otaUpdateStatus !== undefined ? { otaUpdateStatus: update.otaUpdateStatus } : {}),
  };
}

function journalError(failure: SubmissionResult['error']): { code: string; message: string; httpStatus?: number } {
  return {
    code: failure?.code ?? 'Error',
    message: failure?.message ?? '',
    ...(failure?.httpStatus !== undefined ? { httpStatus: failure.httpStatus } : {}),
  };
}

/**
 * The journal says this exact request was created before (`when`), or sent without a recorded
 * answer: check what AWS holds. When it holds nothing (deleted since, another account behind the
 * same endpoint, or the earlier attempt never arrived) the request is sent. When AWS cannot be
 * asked, a recorded creation is trusted, and an unrecorded one is sent (a 409 then settles it).
 */
async function confirmEarlier(
  ready: ReadyRequest,
  deps: ExecutorDeps,
  earlier: { when?: string; unconfirmed: 'trust-journal' | 'send' },
): Promise<SubmissionResult | undefined> {
  const base = { filePath: ready.filePath, otaUpdateId: ready.otaUpdateId, requestHash: ready.requestHash, diagnostics: ready.diagnostics };
  const what = earlier.when === undefined ? 'sent by an earlier run whose answer was not recorded' : `created ${earlier.when} (journal)`;
  let remote: RemoteUpdate | undefined;
  try {
    remote = await deps.client.get(ready.otaUpdateId, deps.signal);
  } catch (error) {
    if (earlier.unconfirmed === 'send') return undefined;
    const failure = toAwsFailure(error);
    return { ...base, status: 'already-done', note: `${what}; not confirmed at AWS: ${failure.code}` };
  }
  if (!remote) return undefined;
  const found = differences(ready.request, remote);
  if (found.length > 0) {
    return {
      ...base,
      status: 'conflict',
      ...fieldsOf(remote),
      differences: found,
      note:
        earlier.when === undefined
          ? `${what}, and the update at AWS differs from this file`
          : 'created from this file before, but the update at AWS has changed since',
    };
  }
  return { ...base, status: 'already-done', ...fieldsOf(remote), note: `${what}; ${earlier.when === undefined ? 'identical' : 'confirmed'} at AWS` };
}

async function resolveConflict(ready: ReadyRequest, deps: ExecutorDeps, failure: NonNullable<SubmissionResult['error']>): Promise<SubmissionResult> {
  const base = { filePath: ready.filePath, otaUpdateId: ready.otaUpdateId, requestHash: ready.requestHash, diagnostics: ready.diagnostics };
  const { client, journal } = deps;
  // More than one attempt inside this call: an earlier one may have created it before its answer was lost.
  const retried = (failure.attempts ?? 1) > 1;
  const sentEarlier = journal.sentBefore(client.endpoint, ready.otaUpdateId, ready.requestHash, journal.run);
  let remote: RemoteUpdate | undefined;
  try {
    remote = await client.get(ready.otaUpdateId, deps.signal);
  } catch (error) {
    const getFailure = toAwsFailure(error);
    if (sentEarlier || retried) {
      return {
        ...base,
        status: retried ? 'sent' : 'already-done',
        note: `exists, and this journal sent this exact request; not compared at AWS: ${getFailure.code}`,
      };
    }
    return {
      ...base,
      status: 'failed',
      error: failure,
      note: `exists at AWS and could not be compared: GetOTAUpdate ${getFailure.code}: ${getFailure.message}`,
    };
  }
  if (!remote) return { ...base, status: 'failed', error: failure, note: 'AWS says it exists, but GetOTAUpdate finds nothing' };
  const found = differences(ready.request, remote);
  if (found.length > 0) return { ...base, status: 'conflict', ...fieldsOf(remote), differences: found, error: failure, note: CONFLICT_HINT };
  if (retried) return { ...base, status: 'sent', ...fieldsOf(remote), note: 'created; a retry after a lost answer met its own first attempt' };
  return {
    ...base,
    status: 'already-done',
    ...fieldsOf(remote),
    note: sentEarlier ? 'sent by an earlier run whose answer was not recorded; identical at AWS' : 'an identical update already exists at AWS',
  };
}

/** The update's final state: --wait polls for it; without --wait, a known CREATE_FAILED still counts. */
async function finish(result: SubmissionResult, ready: ReadyRequest, deps: ExecutorDeps): Promise<SubmissionResult> {
  if (result.status !== 'sent' && result.status !== 'already-done') return result;
  let outcome: WaitOutcome | undefined;
  if (deps.wait) {
    outcome = await waitForUpdate(deps.client, ready.otaUpdateId, { ...deps.wait, ...(deps.signal ? { signal: deps.signal } : {}) });
    deps.journal.append({
      event: 'status',
      endpoint: deps.client.endpoint,
      region: deps.client.region,
      otaUpdateId: ready.otaUpdateId,
      requestHash: ready.requestHash,
      file: ready.filePath,
      otaUpdateStatus: outcome.otaUpdateStatus,
      ...(outcome.errorInfo ? { errorInfo: outcome.errorInfo } : {}),
    });
  } else {
    // Without --wait, a failure GetOTAUpdate already showed still counts.
    outcome = result.wait;
  }
  if (!outcome) return result;
  const update = result.update ? { ...result.update, otaUpdateStatus: outcome.otaUpdateStatus } : result.update;
  if (outcome.otaUpdateStatus === 'CREATE_COMPLETE') return { ...result, update, wait: outcome };
  const why = outcome.timedOut ? `still ${outcome.otaUpdateStatus} when --wait-timeout passed` : `ended ${outcome.otaUpdateStatus}`;
  return { ...result, status: 'failed', update, wait: outcome, note: `${result.status === 'sent' ? 'created, then' : 'exists, but'} ${why}` };
}
