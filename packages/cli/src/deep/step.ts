import type { AwsAccount } from '@otalint/core';
import type { CheckedFile, Diagnostic, Linter } from '@otalint/core/engine';

/** An account to check against, made when a run first needs it (the AWS SDK loads then). */
export interface DeepConnection {
  readonly account: AwsAccount;
  /** The default chain's region, for requests whose ARNs name none. */
  readonly defaultRegion?: string | undefined;
  /** Calls made, by IAM action (shown with --debug). */
  readonly calls?: ReadonlyMap<string, number>;
  close(): void;
}

export interface DeepOptions {
  readonly connect: () => Promise<DeepConnection>;
  /** `--region`. */
  readonly region?: string | undefined;
  readonly debug?: boolean;
}

/**
 * --deep: the account rules over every request of the run, after all files are read. Connects
 * only when some file holds a request to check, so a run over nothing needs no credentials.
 */
export async function deepStep(
  linter: Linter,
  files: readonly CheckedFile[],
  deep: DeepOptions,
  stderr: (text: string) => void,
): Promise<Map<string, Diagnostic[]>> {
  const worth = files.some(
    (file) => !file.result.fatal && file.document.requests.some((request) => request.value !== null && typeof request.value === 'object'),
  );
  if (!worth) return new Map();
  const connection = await deep.connect();
  try {
    const found = await linter.checkAccount(files, { account: connection.account, region: deep.region, defaultRegion: connection.defaultRegion });
    if (deep.debug && connection.calls) {
      const counts = [...connection.calls].sort(([a], [b]) => a.localeCompare(b));
      const total = counts.reduce((sum, [, n]) => sum + n, 0);
      stderr(
        `otalint: --deep made ${total} AWS call${total === 1 ? '' : 's'}${counts.length ? `: ${counts.map(([action, n]) => `${action} ${n}`).join(', ')}` : ''}.\n`,
      );
    }
    return found;
  } finally {
    connection.close();
  }
}
