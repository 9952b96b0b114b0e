import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** cognito-local (jagregory/cognito-local), an emulator none of us wrote, on a free loopback port. */
export interface CognitoLocal {
  endpoint: string;
  /** What it printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startCognitoLocal(): Promise<CognitoLocal> {
  // It reads .cognito/config.json from its working directory and keeps its database there.
  const cwd = mkdtempSync(join(tmpdir(), 'keyfob-cognito-local-'));
  mkdirSync(join(cwd, '.cognito'));
  // Plain user names (its default makes e-mail the user name and stores the sub instead).
  writeFileSync(
    join(cwd, '.cognito', 'config.json'),
    JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }),
  );
  const port = await freePort();
  const entry = join(process.cwd(), 'node_modules', 'cognito-local', 'lib', 'bin', 'start.js');
  let log = '';
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(cwd, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`cognito-local exited (${child.exitCode}) before it answered:\n${log}`);
    }
    try {
      const response = await fetch(`${endpoint}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`cognito-local did not answer on ${endpoint} within 20 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { endpoint, output: () => log, stop };
}
