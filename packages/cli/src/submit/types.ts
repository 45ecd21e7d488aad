import type { Diagnostic } from '@otalint/core/engine';

/** What happened to one request file. */
export type SubmissionStatus =
  /** Created by this run. */
  | 'sent'
  /** Created earlier (this journal recorded it, or AWS holds an identical update): not sent again. */
  | 'already-done'
  /** Not sent: lint errors (or more warnings than --max-warnings). */
  | 'skipped'
  /** Sent and refused, or under --wait it ended CREATE_FAILED or was still pending at --wait-timeout. */
  | 'failed'
  /** Sent, and AWS's answer could not be read (a 200 with a broken body) or the run was interrupted with it in flight: the next run confirms it with GetOTAUpdate. */
  | 'unknown'
  /** An update with this id exists at AWS with different content. */
  | 'conflict'
  /** Not attempted: --bail after a failure, rejected credentials, a dead endpoint, Ctrl-C or a journal that cannot be written stopped the run. */
  | 'not-attempted'
  /** --dry-run: what would be sent. */
  | 'would-send';

/** The fields the AWS CLI prints for create-ota-update. */
export interface CreatedUpdate {
  readonly otaUpdateId?: string | undefined;
  readonly awsIotJobId?: string | undefined;
  readonly otaUpdateArn?: string | undefined;
  readonly awsIotJobArn?: string | undefined;
  readonly otaUpdateStatus?: string | undefined;
}

export interface AwsFailure {
  /** The AWS error code (x-amzn-ErrorType), or the client-side error name. */
  readonly code: string;
  readonly message: string;
  readonly httpStatus?: number | undefined;
  readonly attempts?: number | undefined;
}

export interface Difference {
  /** JSON pointer into the request. */
  readonly path: string;
  readonly local: unknown;
  readonly remote: unknown;
}

/** The outcome of --wait. */
export interface WaitOutcome {
  readonly otaUpdateStatus: string;
  readonly errorInfo?: { readonly code?: string | undefined; readonly message?: string | undefined } | undefined;
  /** True when --wait-timeout passed before a final status. */
  readonly timedOut: boolean;
}

/** What --dry-run shows: the HTTP request the SDK would send, signature blobs redacted. */
export interface PlannedRequest {
  readonly operation: 'CreateOTAUpdate';
  readonly region: string;
  readonly endpoint: string;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export interface SubmissionResult {
  readonly filePath: string;
  /** Which request of the file, from 0, when the file holds more than one. */
  readonly requestIndex?: number | undefined;
  /** The line the request starts on, when the file holds more than one. */
  readonly line?: number | undefined;
  readonly otaUpdateId?: string | undefined;
  readonly status: SubmissionStatus;
  /** sha256 of the request's canonical JSON; absent for files that could not be read. */
  readonly requestHash?: string | undefined;
  /** Why it was skipped, already done, or how a retry resolved. */
  readonly note?: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly update?: CreatedUpdate | undefined;
  readonly error?: AwsFailure | undefined;
  readonly differences?: readonly Difference[] | undefined;
  readonly wait?: WaitOutcome | undefined;
  readonly planned?: PlannedRequest | undefined;
}

export interface SubmitSummary {
  readonly sent: number;
  readonly alreadyDone: number;
  readonly skipped: number;
  readonly failed: number;
  /** Sent, with an answer that could not be read (or interrupted in flight). */
  readonly unknown: number;
  readonly notAttempted: number;
  readonly wouldSend: number;
}
