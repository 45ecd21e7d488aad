import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';

/**
 * moto_server (pip `moto[server]`), a real implementation of the AWS APIs deep checks read, run on
 * a free loopback port for a test file. `.ci/run` installs it; where it is missing, the tests that
 * need it are skipped (uvu `test.skip`), never passed.
 */
export const MOTO_SERVER = process.env.OTALINT_MOTO_SERVER ?? 'moto_server';

export function motoAvailable(): boolean {
  const probe = spawnSync(MOTO_SERVER, ['--help'], { stdio: 'ignore', timeout: 20_000 });
  return probe.status === 0;
}

export interface Moto {
  readonly url: string;
  stop(): Promise<void>;
}

/** A port nothing listens on now (the OS picks it; moto binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(`${url}/moto-api/`, (response) => {
      response.resume();
      resolve((response.statusCode ?? 500) < 500);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(1000, () => request.destroy());
  });
}

/** Start moto_server on 127.0.0.1; `env` sets moto's own variables (INITIAL_NO_AUTH_ACTION_COUNT). */
export async function startMoto(env: NodeJS.ProcessEnv = {}): Promise<Moto> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(MOTO_SERVER, ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let log = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log = (log + chunk).slice(-4000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + 30_000;
  while (!(await answers(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`moto_server did not start on ${url}: ${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop };
}
