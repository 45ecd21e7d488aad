import { ClientSetupError, checkProfile, checkRegion, sdkClientConfig, type AwsClientOptions } from '../aws/client-options.js';
import { requireAwsSdk } from '../aws/sdk-packages.js';
import type { CreatedUpdate, PlannedRequest } from './types.js';

/**
 * The only door to the AWS SDK. It is imported here, lazily, so `otalint lint` never loads it.
 * Credentials and region come from the SDK's standard chain; flags override.
 */

export interface ResolvedCredentials {
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
}

/** GetOTAUpdate's otaUpdateInfo, as far as otalint reads it. */
export type RemoteUpdate = Record<string, unknown> & CreatedUpdate & { errorInfo?: { code?: string; message?: string } };

export interface IotClient {
  readonly region: string;
  /** The service endpoint requests go to (scheme, host, port). */
  readonly endpoint: string;
  /** What the SDK would send for this input; sends nothing and needs no credentials. */
  plan(input: Record<string, unknown>): Promise<Omit<PlannedRequest, 'body'> & { body: string }>;
  /** Resolve credentials now, so a missing or broken chain fails the run before any file. */
  credentials(): Promise<ResolvedCredentials>;
  create(input: Record<string, unknown>, signal?: AbortSignal): Promise<CreatedUpdate>;
  /** undefined when the update does not exist. */
  get(otaUpdateId: string, signal?: AbortSignal): Promise<RemoteUpdate | undefined>;
  destroy(): void;
}

export async function createIotClient(options: AwsClientOptions): Promise<IotClient> {
  requireAwsSdk('otalint submit', ['@aws-sdk/client-iot']);
  checkProfile(options.profile);
  const config = sdkClientConfig(options);
  const sdk = await import('@aws-sdk/client-iot');
  const client = new sdk.IoTClient(config);
  // The SDK resolves credentials before it builds a request; planning stops before signing, so a
  // placeholder identity lets a dry run work with no credentials at all.
  const planner = new sdk.IoTClient({ ...config, credentials: { accessKeyId: 'DRY-RUN', secretAccessKey: 'DRY-RUN' } });

  let region: string;
  try {
    region = await client.config.region();
  } catch {
    region = '';
  }
  if (!region) {
    client.destroy();
    planner.destroy();
    throw new ClientSetupError('No AWS region: pass --region, set AWS_REGION, or give the profile a region.');
  }
  try {
    checkRegion(region);
  } catch (error) {
    client.destroy();
    planner.destroy();
    throw error;
  }

  async function plan(input: Record<string, unknown>) {
    const command = new sdk.CreateOTAUpdateCommand(input as never);
    let captured: { method: string; protocol: string; hostname: string; port?: number; path: string; body: unknown } | undefined;
    command.middlewareStack.add(
      (_next) => async (args) => {
        captured = args.request as typeof captured;
        return { output: { $metadata: {} } as never, response: {} };
      },
      { step: 'build', priority: 'low', name: 'otalintCapturePlannedRequest' },
    );
    await planner.send(command);
    if (!captured) throw new Error('the SDK did not build a request');
    const endpoint = `${captured.protocol}//${captured.hostname}${captured.port ? `:${captured.port}` : ''}`;
    return {
      operation: 'CreateOTAUpdate' as const,
      region,
      endpoint,
      method: captured.method,
      path: captured.path,
      // TextDecoder reads the bytes as they are (Buffer.from would call the SDK body's valueOf).
      body: typeof captured.body === 'string' ? captured.body : new TextDecoder().decode(captured.body as Uint8Array),
    };
  }

  const endpoint = (await plan({ otaUpdateId: 'endpoint-probe' })).endpoint;

  return {
    region,
    endpoint,
    plan,
    async credentials() {
      try {
        const resolved = await client.config.credentials();
        return { secretAccessKey: resolved.secretAccessKey, sessionToken: resolved.sessionToken };
      } catch (error) {
        throw new ClientSetupError(`No usable AWS credentials: ${(error as Error).message}`);
      }
    },
    async create(input, signal) {
      const output = await client.send(new sdk.CreateOTAUpdateCommand(input as never), signal ? { abortSignal: signal } : {});
      return {
        otaUpdateId: output.otaUpdateId,
        awsIotJobId: output.awsIotJobId,
        otaUpdateArn: output.otaUpdateArn,
        awsIotJobArn: output.awsIotJobArn,
        otaUpdateStatus: output.otaUpdateStatus,
      };
    },
    async get(otaUpdateId, signal) {
      try {
        const output = await client.send(new sdk.GetOTAUpdateCommand({ otaUpdateId }), signal ? { abortSignal: signal } : {});
        return output.otaUpdateInfo as RemoteUpdate | undefined;
      } catch (error) {
        if ((error as Error).name === 'ResourceNotFoundException') return undefined;
        throw error;
      }
    },
    destroy: () => {
      client.destroy();
      planner.destroy();
    },
  };
}
