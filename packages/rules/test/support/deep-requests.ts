/** Request texts for the deep rules' tables: 2-space JSON, as a user would write it. */
export const ROLE = 'arn:aws:iam::123456789012:role/ota-role';
export const THING = 'arn:aws:iot:us-east-1:123456789012:thing/dev1';

export function requestText(request: Record<string, unknown>): string {
  return `${JSON.stringify(request, null, 2)}\n`;
}

export function s3Request(location: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  return requestText({
    otaUpdateId: 'fw-1',
    targets: [THING],
    files: [{ fileName: 'fw.bin', fileLocation: { s3Location: location } }],
    roleArn: ROLE,
    ...extra,
  });
}
