// Start the fake IoT endpoint by hand, to try `otalint submit` as a user:
//   node --import tsx packages/cli/test/support/serve-fake-iot.ts [port-file]
// It prints the URL and the test credentials to export, and runs until Ctrl-C (or 10 minutes).
import { writeFileSync } from 'node:fs';
import { TEST_CREDENTIALS, startFakeIot } from './fake-iot.js';

const iot = await startFakeIot({
  getsUntilDone: 2,
  failCreation: { 'doomed-update': { code: 'AccessDeniedException', message: 'iam:PassRole is not authorized on ota-update-role' } },
});
console.log(`fake IoT endpoint on ${iot.url}`);
console.log(
  `export AWS_ACCESS_KEY_ID=${TEST_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY='${TEST_CREDENTIALS.secretAccessKey}' AWS_SESSION_TOKEN='${TEST_CREDENTIALS.sessionToken}' AWS_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true`,
);
if (process.argv[2]) writeFileSync(process.argv[2], iot.url);
const stop = async () => {
  await iot.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setTimeout(stop, 10 * 60 * 1000).unref();
setInterval(() => {}, 1 << 30);
