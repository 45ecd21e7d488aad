import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4 } from './sigv4.js';

/**
 * A strict loopback stand-in for the AWS IoT control plane: CreateOTAUpdate and GetOTAUpdate in
 * REST-JSON, SigV4-verified, with AWS's error shape and injectable faults. Listens on 127.0.0.1 on
 * a random port; nothing else is ever contacted.
 */

export const TEST_ACCOUNT = '123456789012';
export const TEST_CREDENTIALS = {
  accessKeyId: 'AKIAOTALINTTEST00001',
  secretAccessKey: 'otalintTestSecret/Ab3Cd4Ef5Gh6Ij7Kl8Mn9Op0Qr',
  sessionToken: 'otalintTestSessionToken+Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0==',
} as const;

export interface Faults {
  /** Answer the next N requests (any operation) with ThrottlingException (HTTP 400). */
  throttle?: number;
  /** Answer the next N requests with ServiceUnavailableException (HTTP 503). */
  unavailable?: number;
  /** For the next N CreateOTAUpdate calls: store the update, then drop the connection unanswered. */
  dropAfterStore?: number;
  /** Hold every response this many ms (to make clients time out). */
  delayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** The SigV4 service the request was signed for, when the signature verified. */
  readonly service?: string;
  readonly status: number;
}

export interface StoredUpdate {
  readonly otaUpdateId: string;
  readonly request: Record<string, unknown>;
  readonly createdAt: number;
  gets: number;
}

export interface FakeIotOptions {
  readonly region?: string;
  /** Services a signature may be scoped to (the CLI v2 signs IoT calls as execute-api). */
  readonly services?: readonly string[];
  /** GetOTAUpdate calls per update before it leaves CREATE_PENDING/CREATE_IN_PROGRESS. */
  readonly getsUntilDone?: number;
  /** Updates whose creation ends in CREATE_FAILED, with this errorInfo. */
  readonly failCreation?: Readonly<Record<string, { code: string; message: string }>>;
  readonly faults?: Faults;
}

export interface FakeIot {
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly updates: Map<string, StoredUpdate>;
  readonly requests: RecordedRequest[];
  /** CreateOTAUpdate calls that reached storage (whatever the answer). */
  creates(id?: string): number;
  setFaults(faults: Faults): void;
  close(): Promise<void>;
}

const OTA_ID = /^[a-zA-Z0-9_-]{1,128}$/;
const REQUIRED = ['targets', 'files', 'roleArn'] as const;

export async function startFakeIot(options: FakeIotOptions = {}): Promise<FakeIot> {
  const region = options.region ?? 'us-east-1';
  const services = options.services ?? ['iot', 'execute-api'];
  const secrets = new Map([[TEST_CREDENTIALS.accessKeyId, TEST_CREDENTIALS.secretAccessKey]]);
  const updates = new Map<string, StoredUpdate>();
  const requests: RecordedRequest[] = [];
  const createLog: string[] = [];
  let faults: Faults = { ...options.faults };

  const arn = (kind: string, id: string) => `arn:aws:iot:${region}:${TEST_ACCOUNT}:${kind}/${id}`;

  function sendJson(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
    const text = JSON.stringify(body);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      'x-amzn-requestid': `req-${requests.length}`,
    };
    if (errorType) headers['x-amzn-errortype'] = `${errorType}:http://internal.amazon.com/coral/com.amazonaws.iot/`;
    response.writeHead(status, headers);
    response.end(text);
  }

  const error = (response: ServerResponse, status: number, type: string, message: string, extra: object = {}) =>
    sendJson(response, status, { message, ...extra }, type);

  function createUpdate(id: string, body: Buffer, response: ServerResponse, socketDrop: () => void): number {
    let request: Record<string, unknown>;
    try {
      request = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      error(response, 400, 'InvalidRequestException', 'Invalid JSON body.');
      return 400;
    }
    if (!OTA_ID.test(id)) {
      error(
        response,
        400,
        'InvalidRequestException',
        `1 validation error detected: Value '${id}' at 'otaUpdateId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`,
      );
      return 400;
    }
    const missing = REQUIRED.filter((key) => request[key] === undefined);
    if (missing.length > 0) {
      error(
        response,
        400,
        'InvalidRequestException',
        `1 validation error detected: Value null at '${missing[0]}' failed to satisfy constraint: Member must not be null`,
      );
      return 400;
    }
    if (updates.has(id)) {
      error(response, 409, 'ResourceAlreadyExistsException', `OTA Update ${id} already exists`, { resourceId: id, resourceArn: arn('otaupdate', id) });
      return 409;
    }
    updates.set(id, { otaUpdateId: id, request, createdAt: Date.now(), gets: 0 });
    createLog.push(id);
    if ((faults.dropAfterStore ?? 0) > 0) {
      faults.dropAfterStore = (faults.dropAfterStore ?? 0) - 1;
      socketDrop();
      return 0;
    }
    sendJson(response, 200, {
      otaUpdateId: id,
      awsIotJobId: `AFR_OTA-${id}`,
      otaUpdateArn: arn('otaupdate', id),
      awsIotJobArn: arn('job', `AFR_OTA-${id}`),
      otaUpdateStatus: 'CREATE_PENDING',
    });
    return 200;
  }

  function getUpdate(id: string, response: ServerResponse): number {
    const stored = updates.get(id);
    if (!stored) {
      error(response, 404, 'ResourceNotFoundException', `OTA Update ${id} does not exist`);
      return 404;
    }
    stored.gets++;
    const failure = options.failCreation?.[id];
    const done = stored.gets > (options.getsUntilDone ?? 0);
    const status = !done ? (stored.gets === 1 ? 'CREATE_PENDING' : 'CREATE_IN_PROGRESS') : failure ? 'CREATE_FAILED' : 'CREATE_COMPLETE';
    const { files, roleArn: _role, tags: _tags, awsJobAbortConfig: _abort, awsJobTimeoutConfig: _timeout, ...echoed } = stored.request;
    const created = Math.floor(stored.createdAt / 1000);
    sendJson(response, 200, {
      otaUpdateInfo: {
        otaUpdateId: id,
        otaUpdateArn: arn('otaupdate', id),
        creationDate: created,
        lastModifiedDate: created,
        ...echoed,
        otaUpdateFiles: files,
        otaUpdateStatus: status,
        ...(status === 'CREATE_COMPLETE' || status === 'CREATE_FAILED' ? { awsIotJobId: `AFR_OTA-${id}`, awsIotJobArn: arn('job', `AFR_OTA-${id}`) } : {}),
        ...(status === 'CREATE_FAILED' && failure ? { errorInfo: failure } : {}),
      },
    });
    return 200;
  }

  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = incoming.url ?? '/';
    const method = incoming.method ?? 'GET';
    const record = (status: number, service?: string) =>
      requests.push({ method, url, headers: { ...incoming.headers }, body: body.toString('utf8'), status, ...(service ? { service } : {}) });
    if (faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    if (response.destroyed) return;

    const verdict = verifySigV4({ method, url, headers: incoming.headers, body }, secrets, services);
    if (!verdict.ok) {
      error(response, 403, verdict.errorType, verdict.message);
      record(403);
      return;
    }
    if ((faults.throttle ?? 0) > 0) {
      faults.throttle = (faults.throttle ?? 0) - 1;
      error(response, 400, 'ThrottlingException', 'Rate exceeded');
      record(400, verdict.service);
      return;
    }
    if ((faults.unavailable ?? 0) > 0) {
      faults.unavailable = (faults.unavailable ?? 0) - 1;
      error(response, 503, 'ServiceUnavailableException', 'Service is unavailable. Please try again.');
      record(503, verdict.service);
      return;
    }
    const route = /^\/otaUpdates\/([^/?]+)$/.exec(url.split('?')[0] ?? '');
    const id = route ? decodeURIComponent(route[1]!) : undefined;
    let status: number;
    if (id !== undefined && method === 'POST') {
      status = createUpdate(id, body, response, () => incoming.socket.destroy());
    } else if (id !== undefined && method === 'GET') {
      status = getUpdate(id, response);
    } else {
      error(response, 404, 'UnknownOperationException', `No operation for ${method} ${url}`);
      status = 404;
    }
    record(status, verdict.service);
  }

  const server = createServer((incoming, response) => {
    handle(incoming, response).catch((cause: unknown) => {
      if (!response.headersSent) error(response, 500, 'InternalFailureException', String(cause));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    region,
    updates,
    requests,
    creates: (id) => (id === undefined ? createLog.length : createLog.filter((entry) => entry === id).length),
    setFaults: (next) => {
      faults = { ...next };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
