/** Command lines for the source rules' tables: a request the API model accepts, to vary. */
export const ROLE = 'arn:aws:iam::123456789012:role/ota-update-role';
export const GROUP = 'arn:aws:iot:us-east-1:123456789012:thinggroup/kitchen';
export const FILES = `'[{"fileName": "fw.bin", "fileLocation": {"stream": {"streamId": "fw", "fileId": 0}}, "codeSigning": {"awsSignerJobId": "job-1"}}]'`;

/** `aws iot create-ota-update` with the four required options, then `rest`. */
export function command(rest = '', head = 'aws iot create-ota-update'): string {
  return `#!/bin/bash\n${head} --ota-update-id fw-1 --targets ${GROUP} --files ${FILES} --role-arn ${ROLE}${rest ? ` ${rest}` : ''}\n`;
}
