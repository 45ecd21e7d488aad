import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4 } from './sigv4.js';

/**
 * A strict loopback stand-in for the AWS IoT control plane: CreateOTAUpdate and GetOTAUpdate in
 * REST-JSON, SigV4-verified, with AWS's error shape and injectable faults; and, for deep checks,
 * what moto_server lacks: IoT DescribeStream and Signer DescribeSigningJob. With `upstream` (a
 * moto_server on loopback), every other verified request is forwarded there unchanged, so one
 * endpoint serves a whole account and records every call. Listens on 127.0.0.1 on a random port;
 * nothing but loopback is ever contacted.
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
  /** Refuse the next N signed requests with ExpiredTokenException (HTTP 403), as AWS does for an expired session token. */
  expiredToken?: number;
  /** Answer the next N requests with HTTP 502 and an HTML page, as a proxy or load balancer does. */
  htmlBadGateway?: number;
  /** For the next N CreateOTAUpdate calls: store the update, then answer 200 with a body cut short. */
  malformedCreateAnswer?: number;
  /** Answer the next N GetOTAUpdate calls with InternalFailureException (HTTP 500). */
  getFailures?: number;
  /** Refuse the next `times` CreateOTAUpdate calls with InvalidRequestException (HTTP 400) and this message. */
  refuseQuoting?: { times: number; message: string };
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** The SigV4 service the request was signed for, when the signature verified. */
  readonly service?: string;
  /** The API operation, as IAM names its action (`s3:GetBucketVersioning`), when recognised. */
  readonly operation?: string;
  readonly status: number;
  /** When it arrived and when it was answered (ms since the epoch). */
  readonly arrived: number;
  readonly answered: number;
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
  /** IoT streams by id, with the fileIds each holds (DescribeStream). */
  readonly streams?: Readonly<Record<string, readonly number[]>>;
  /** AWS Signer jobs by id (DescribeSigningJob). */
  readonly signingJobs?: Readonly<Record<string, { status: string; statusReason?: string }>>;
  /** Where verified requests this endpoint does not serve go (a moto_server URL); absent: 404. */
  readonly upstream?: string;
  /**
   * IAM's policy simulator, which moto lacks: SimulatePrincipalPolicy's EvalDecision for each
   * action (`allowed`, `implicitDeny`, `explicitDeny`). Absent: the call goes upstream.
   */
  readonly simulate?: (roleArn: string, action: string, resource: string) => 'allowed' | 'implicitDeny' | 'explicitDeny';
  /** More access keys to accept (moto IAM users' keys), beside TEST_CREDENTIALS. */
  readonly credentials?: ReadonlyArray<{ accessKeyId: string; secretAccessKey: string }>;
}

export interface FakeIot {
  readonly url: string;
  readonly port: number;
  readonly region: string;
  readonly updates: Map<string, StoredUpdate>;
  readonly requests: RecordedRequest[];
  /** CreateOTAUpdate calls that reached storage (whatever the answer). */
  creates(id?: string): number;
  /** CreateOTAUpdate calls that reached the service (signed, not throttled, sender still there), by otaUpdateId. */
  posts(): Map<string, number>;
  /** Requests that have arrived (counted before any delay or answer). */
  arrivals(): number;
  /** The most requests that were being handled at one moment. */
  maxInFlight(): number;
  /** Verified requests by operation (`s3:GetBucketVersioning` → 1), forwarded ones included. */
  operations(): Map<string, number>;
  setFaults(faults: Faults): void;
  close(): Promise<void>;
}

const OTA_ID = /^[a-zA-Z0-9_-]{1,128}$/;
const REQUIRED = ['targets', 'files', 'roleArn'] as const;

export async function startFakeIot(options: FakeIotOptions = {}): Promise<FakeIot> {
  const region = options.region ?? 'us-east-1';
  const services = options.services ?? (options.upstream ? ['iot', 'execute-api', 's3', 'iam', 'sts', 'signer', 'acm'] : ['iot', 'execute-api']);
  const secrets = new Map([
    [TEST_CREDENTIALS.accessKeyId, TEST_CREDENTIALS.secretAccessKey],
    ...(options.credentials ?? []).map(({ accessKeyId, secretAccessKey }) => [accessKeyId, secretAccessKey] as const),
  ]);
  const updates = new Map<string, StoredUpdate>();
  const requests: RecordedRequest[] = [];
  const createLog: string[] = [];
  const postLog = new Map<string, number>();
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
    postLog.set(id, (postLog.get(id) ?? 0) + 1);
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
    if ((faults.malformedCreateAnswer ?? 0) > 0) {
      faults.malformedCreateAnswer = (faults.malformedCreateAnswer ?? 0) - 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(`{"otaUpdateId": "${id}", "awsIotJobId": "AFR_OTA-`);
      return 200;
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

  function describeStream(id: string, response: ServerResponse): number {
    const files = options.streams?.[id];
    if (!files) {
      error(response, 404, 'ResourceNotFoundException', `Stream ${id} does not exist`);
      return 404;
    }
    sendJson(response, 200, { streamInfo: { streamId: id, streamArn: arn('stream', id), streamVersion: 1, files: files.map((fileId) => ({ fileId })) } });
    return 200;
  }

  function describeSigningJob(id: string, response: ServerResponse): number {
    const job = options.signingJobs?.[id];
    if (!job) {
      error(response, 404, 'ResourceNotFoundException', `The signing job ${id} does not exist.`);
      return 404;
    }
    sendJson(response, 200, { jobId: id, ...job });
    return 200;
  }

  function simulatePrincipalPolicy(form: URLSearchParams, response: ServerResponse): number {
    const roleArn = form.get('PolicySourceArn') ?? '';
    const resource = form.get('ResourceArns.member.1') ?? '*';
    const actions = [...form.entries()].filter(([key]) => /^ActionNames\.member\.\d+$/.test(key)).map(([, value]) => value);
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const members = actions
      .map(
        (action) =>
          `<member><EvalActionName>${escape(action)}</EvalActionName><EvalResourceName>${escape(resource)}</EvalResourceName><EvalDecision>${options.simulate!(roleArn, action, resource)}</EvalDecision></member>`,
      )
      .join('');
    const text = `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>${members}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>req-${requests.length}</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`;
    response.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(Buffer.byteLength(text)) });
    response.end(text);
    return 200;
  }

  /**
   * Pass a verified request to the upstream endpoint as it came, and its answer back. One known
   * gap of moto 5.2 is mended on the way: GetSigningProfile of a profile it does not have fails
   * inside moto (HTTP 500, an HTML page), where AWS Signer answers ResourceNotFoundException.
   */
  function forward(incoming: IncomingMessage, body: Buffer, response: ServerResponse, service: string): Promise<number> {
    const target = new URL(incoming.url ?? '/', options.upstream);
    const profileLookup = service === 'signer' && incoming.method === 'GET' && /^\/signing-profiles\/[^/?]+$/.test(target.pathname);
    return new Promise((resolve) => {
      const outgoing = httpRequest(target, { method: incoming.method, headers: incoming.headers }, (answer) => {
        if (profileLookup && answer.statusCode === 500) {
          answer.resume();
          error(response, 404, 'ResourceNotFoundException', `The signing profile ${decodeURIComponent(target.pathname.split('/').pop()!)} does not exist.`);
          return resolve(404);
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
        answer.on('end', () => resolve(answer.statusCode ?? 502));
      });
      outgoing.on('error', (cause) => {
        error(response, 502, 'InternalFailure', `upstream: ${cause.message}`);
        resolve(502);
      });
      outgoing.end(body);
    });
  }

  let arrivals = 0;
  async function handle(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const arrived = Date.now();
    arrivals++;
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = incoming.url ?? '/';
    const method = incoming.method ?? 'GET';
    const record = (status: number, service?: string) => {
      const operation = service ? operationOf(service, method, url, incoming.headers, body) : undefined;
      requests.push({
        method,
        url,
        headers: { ...incoming.headers },
        body: body.toString('utf8'),
        status,
        arrived,
        answered: Date.now(),
        ...(service ? { service } : {}),
        ...(operation ? { operation } : {}),
      });
    };

    // Unreferenced: a held answer never keeps the test process alive after the endpoint is closed.
    if (faults.delayMs) await new Promise((resolve) => setTimeout(resolve, faults.delayMs).unref());
    if (response.destroyed) return;

    const verdict = verifySigV4({ method, url, headers: incoming.headers, body }, secrets, services);
    if (!verdict.ok) {
      error(response, 403, verdict.errorType, verdict.message);
      record(403);
      return;
    }
    if ((faults.expiredToken ?? 0) > 0) {
      faults.expiredToken = (faults.expiredToken ?? 0) - 1;
      error(response, 403, 'ExpiredTokenException', 'The security token included in the request is expired');
      record(403, verdict.service);
      return;
    }
    if ((faults.htmlBadGateway ?? 0) > 0) {
      faults.htmlBadGateway = (faults.htmlBadGateway ?? 0) - 1;
      const page = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';
      response.writeHead(502, { 'content-type': 'text/html', 'content-length': String(Buffer.byteLength(page)) });
      response.end(page);
      record(502, verdict.service);
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
    const pathname = url.split('?')[0] ?? '';
    const route = verdict.service === 'iot' || verdict.service === 'execute-api' ? /^\/otaUpdates\/([^/?]+)$/.exec(pathname) : null;
    const id = route ? decodeURIComponent(route[1]!) : undefined;
    const stream = verdict.service === 'iot' && method === 'GET' ? /^\/streams\/([^/?]+)$/.exec(pathname) : null;
    const job = verdict.service === 'signer' && method === 'GET' ? /^\/signing-jobs\/([^/?]+)$/.exec(pathname) : null;
    const form = verdict.service === 'iam' ? new URLSearchParams(body.toString('utf8')) : undefined;
    let status: number;
    if (id !== undefined && method === 'POST' && (faults.refuseQuoting?.times ?? 0) > 0) {
      faults.refuseQuoting = { ...faults.refuseQuoting!, times: faults.refuseQuoting!.times - 1 };
      error(response, 400, 'InvalidRequestException', faults.refuseQuoting.message);
      status = 400;
    } else if (id !== undefined && method === 'POST') {
      status = createUpdate(id, body, response, () => incoming.socket.destroy());
    } else if (id !== undefined && method === 'GET' && (faults.getFailures ?? 0) > 0) {
      faults.getFailures = (faults.getFailures ?? 0) - 1;
      error(response, 500, 'InternalFailureException', 'An internal failure occurred.');
      status = 500;
    } else if (id !== undefined && method === 'GET') {
      status = getUpdate(id, response);
    } else if (stream) {
      status = describeStream(decodeURIComponent(stream[1]!), response);
    } else if (job) {
      status = describeSigningJob(decodeURIComponent(job[1]!), response);
    } else if (options.simulate && form?.get('Action') === 'SimulatePrincipalPolicy') {
      status = simulatePrincipalPolicy(form, response);
    } else if (options.upstream) {
      status = await forward(incoming, body, response, verdict.service);
    } else {
      error(response, 404, 'UnknownOperationException', `No operation for ${method} ${url}`);
      status = 404;
    }
    record(status, verdict.service);
  }

  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((incoming, response) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    handle(incoming, response)
      .catch((cause: unknown) => {
        if (!response.headersSent) error(response, 500, 'InternalFailureException', String(cause));
      })
      .finally(() => inFlight--);
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
    posts: () => new Map(postLog),
    maxInFlight: () => maxInFlight,
    arrivals: () => arrivals,
    operations: () => {
      const counts = new Map<string, number>();
      for (const { operation } of requests) if (operation) counts.set(operation, (counts.get(operation) ?? 0) + 1);
      return counts;
    },
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

const IOT_ROUTES: ReadonlyArray<[method: string, path: RegExp, action: string]> = [
  ['GET', /^\/things\/[^/]+$/, 'DescribeThing'],
  ['GET', /^\/thing-groups\/[^/]+$/, 'DescribeThingGroup'],
  ['GET', /^\/otaUpdates\/[^/]+$/, 'GetOTAUpdate'],
  ['POST', /^\/otaUpdates\/[^/]+$/, 'CreateOTAUpdate'],
  ['GET', /^\/streams\/[^/]+$/, 'DescribeStream'],
];
const SIGNER_ROUTES: ReadonlyArray<[method: string, path: RegExp, action: string]> = [
  ['GET', /^\/signing-profiles\/[^/]+$/, 'GetSigningProfile'],
  ['GET', /^\/signing-jobs\/[^/]+$/, 'DescribeSigningJob'],
];

/** The operation a request calls, named as its IAM action, in each protocol the services use. */
function operationOf(service: string, method: string, url: string, headers: IncomingMessage['headers'], body: Buffer): string | undefined {
  const [pathname = '', query = ''] = url.split('?');
  if (service === 'iam' || service === 'sts') {
    const action = new URLSearchParams(body.toString('utf8')).get('Action') ?? new URLSearchParams(query).get('Action');
    return action ? `${service}:${action}` : undefined;
  }
  if (service === 'acm') {
    const target = headers['x-amz-target'];
    return typeof target === 'string' ? `acm:${target.split('.').pop()}` : undefined;
  }
  if (service === 's3') {
    const segments = pathname.split('/').filter(Boolean);
    if (method === 'GET' && segments.length === 1 && /(^|&)versioning(=|&|$)/.test(query)) return 's3:GetBucketVersioning';
    if (method === 'HEAD' && segments.length >= 2) return /(^|&)versionId=/.test(query) ? 's3:GetObjectVersion' : 's3:GetObject';
    return `s3:${method} ${segments.length === 0 ? '/' : segments.length === 1 ? 'bucket' : 'object'}${query ? `?${query}` : ''}`;
  }
  const routes = service === 'signer' ? SIGNER_ROUTES : service === 'iot' || service === 'execute-api' ? IOT_ROUTES : [];
  const hit = routes.find(([m, path]) => m === method && path.test(pathname));
  return hit ? `${service === 'execute-api' ? 'iot' : service}:${hit[2]}` : `${service}:${method} ${pathname}`;
}
