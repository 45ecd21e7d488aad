import { tempProject } from './run-cli.js';

/** Only the model check, so these tests do not move when other rules change. */
export const MODEL_ONLY_CONFIG = [{ rules: { 'aws-api-model': 'error' } }];

/** A request the API model accepts, as an object to vary. */
export function goodRequest(): Record<string, unknown> {
  return {
    otaUpdateId: 'fw-1',
    targets: ['arn:aws:iot:us-east-1:123456789012:thing/d1'],
    files: [{ fileName: 'fw.bin', fileLocation: { stream: { streamId: 's1', fileId: 0 } }, codeSigning: { awsSignerJobId: 'job-1' } }],
    roleArn: 'arn:aws:iam::123456789012:role/ota',
  };
}

/** Two model findings: `otaUpdateId` breaks the pattern (line 2), `fileId` is out of range. */
export function badRequest(): Record<string, unknown> {
  const request = goodRequest();
  request.otaUpdateId = 'bad id!';
  (request.files as Array<{ fileLocation: { stream: { fileId: number } } }>)[0]!.fileLocation.stream.fileId = 300;
  return request;
}

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A temporary project: `.otalintrc.json` plus request files. */
export function ciProject(files: Record<string, string>, config: unknown = MODEL_ONLY_CONFIG): string {
  return tempProject({ '.otalintrc.json': json(config), ...files });
}
