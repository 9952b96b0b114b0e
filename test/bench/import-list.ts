/**
 * Importing a thousand accounts, beside what the keyring itself takes to store a thousand items, and
 * `keyfob list` at 1 and at 1,000 accounts (issue 9). Whole processes, against the real keychain of the
 * benchmark's keyring session.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeAegisVault } from '../../main/formats/aegis';
import { bytesToBase32 } from '../../main/otp/secret';
import { defaultParams } from '../../main/otp/types';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';

const CLI = resolve(__dirname, '../../dist/cli/keyfob.js');
/** A thousand, as issue 9 asks; KEYFOB_BENCH_ACCOUNTS makes a quicker run. */
export const COUNT = Number(process.env.KEYFOB_BENCH_ACCOUNTS) || 1000;

/** A vault of its own: a data folder and a keychain service nobody else uses, emptied by `clean`. */
export interface BenchVault {
  env: NodeJS.ProcessEnv;
  service: string;
  dir: string;
}

export function benchVault(name: string): BenchVault {
  const dir = mkdtempSync(join(tmpdir(), `keyfob-bench-${name}-`));
  const service = `keyfob-bench-${name}-${process.pid}`;
  return { dir, service, env: { ...process.env, KEYFOB_HOME: dir, KEYFOB_KEYCHAIN_SERVICE: service } };
}

async function clean(service: string): Promise<void> {
  const keychain = new KeytarKeychain({ service });
  for (const item of await keychain.list()) await keychain.delete(item.account);
}

/**
 * One way of bringing a thousand accounts in, timed as one `keyfob` process. `write` makes the input in the
 * vault's folder and returns the arguments (and standard input) for `keyfob`.
 */
export interface ImportCase {
  name: string;
  write: (dir: string) => Promise<{ args: string[]; input?: string }> | { args: string[]; input?: string };
}

function links(): string {
  return Array.from({ length: COUNT }, (_, i) => {
    const secret = bytesToBase32(randomBytes(20));
    return `otpauth://totp/Bench%20${i}:user${i}%40example.com?secret=${secret}&issuer=Bench%20${i}`;
  }).join('\n');
}

/** What is imported: links, and an encrypted Aegis vault (Aegis's own scrypt cost, 2^15/8/1, then AES-GCM). */
export const IMPORT_CASES: ImportCase[] = [
  {
    name: `keyfob import links.txt (${COUNT.toLocaleString('en')} otpauth:// links)`,
    write: (dir) => {
      const file = join(dir, 'links.txt');
      writeFileSync(file, links());
      return { args: ['import', file] };
    },
  },
  {
    name: `keyfob import aegis.json (${COUNT.toLocaleString('en')} entries, encrypted)`,
    write: async (dir) => {
      const file = join(dir, 'aegis.json');
      const accounts = Array.from({ length: COUNT }, (_, i) => ({
        issuer: `Bench ${i}`,
        label: `user${i}@example.com`,
        secret: bytesToBase32(randomBytes(20)),
        params: defaultParams('totp'),
        extra: {},
      }));
      const vault = await writeAegisVault(accounts, { password: 'bench-password' });
      writeFileSync(file, 'file' in vault ? vault.file : '');
      return { args: ['import', '--password-stdin', file], input: 'bench-password\n' };
    },
  },
];

function timed(run: () => { status: number | null; stderr: Buffer | string }, what: string): number {
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`${what} failed: ${result.stderr.toString().slice(0, 500)}`);
  return ms;
}

/**
 * `secret-tool store` a thousand times, from one shell: the keyring's own client, one item per process. The
 * items carry keytar's schema name, so that the same clean-up as keytar's items removes them.
 */
function secretToolStore(service: string): number | undefined {
  if (spawnSync('sh', ['-c', 'command -v secret-tool'], { stdio: 'ignore' }).status !== 0) return undefined;
  const loop = `i=0; while [ $i -lt ${COUNT} ]; do printf '%s' "secret-$i" | secret-tool store --label="bench $i" xdg:schema org.freedesktop.Secret.Generic service "$1" account "item-$i" || exit 1; i=$((i+1)); done`;
  return timed(() => spawnSync('sh', ['-c', loop, 'sh', service]), 'secret-tool store');
}

/** keytar's setPassword a thousand times in one process: what storing costs without a process per item. */
async function keytarStore(service: string): Promise<number> {
  const keychain = new KeytarKeychain({ service });
  const start = performance.now();
  for (let i = 0; i < COUNT; i++) await keychain.set(`item-${i}`, `secret-${i}`);
  const ms = performance.now() - start;
  await clean(service);
  return ms;
}

export interface ImportFigures {
  imports: Array<{ name: string; ms: number }>;
  secretToolMs: number | undefined;
  keytarMs: number;
  list1Ms: number;
  list1000Ms: number;
  runs: number;
}

/** Median wall time of `keyfob list` in two vaults, taking turns so that load weighs on both alike. */
function listTimes(small: BenchVault, large: BenchVault, runs: number): [number, number] {
  const times: [number[], number[]] = [[], []];
  for (let i = 0; i < runs + 2; i++) {
    for (const [k, vault] of [small, large].entries()) {
      const ms = timed(() => spawnSync(process.execPath, [CLI, 'list'], { env: vault.env }), 'keyfob list');
      if (i >= 2) times[k as 0 | 1].push(ms);
    }
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  return [median(times[0]), median(times[1])];
}

export async function benchImportList(): Promise<ImportFigures> {
  const vaults: BenchVault[] = [];
  const vault = (name: string) => {
    const v = benchVault(name);
    vaults.push(v);
    return v;
  };
  try {
    const imports: ImportFigures['imports'] = [];
    let large: BenchVault | undefined;
    for (const c of IMPORT_CASES) {
      const v = vault(`import-${imports.length}`);
      const { args, input } = await c.write(v.dir);
      const ms = timed(
        () => spawnSync(process.execPath, [CLI, ...args], { env: v.env, ...(input ? { input } : {}) }),
        c.name,
      );
      imports.push({ name: c.name, ms });
      large ??= v;
    }
    const tool = vault('secret-tool');
    const secretToolMs = secretToolStore(tool.service);
    await clean(tool.service);
    const keytarMs = await keytarStore(vault('keytar').service);

    const small = vault('list-1');
    timed(
      () =>
        spawnSync(
          process.execPath,
          [CLI, 'add', '--uri', `otpauth://totp/One:me?secret=${bytesToBase32(randomBytes(20))}`],
          {
            env: small.env,
          },
        ),
      'keyfob add',
    );
    const runs = 15;
    const [list1Ms, list1000Ms] = listTimes(small, large!, runs);
    return { imports, secretToolMs, keytarMs, list1Ms, list1000Ms, runs };
  } finally {
    for (const v of vaults) await clean(v.service);
  }
}
