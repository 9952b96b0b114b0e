/**
 * `npm run bench`: figures side by side with the reference tools the issues name. Goals are printed as met or
 * missed; nothing here fails a build. Runs under test/support/keyring-session.mjs so the CLI meets a real keychain.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { codeAt } from '../../main/otp/codes';
import { bytesToBase32 } from '../../main/otp/secret';
import { defaultParams } from '../../main/otp/types';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { benchIcons, printIconBench } from './icons';
import { COUNT, benchImportList } from './import-list';
import { benchLogin } from './login';
import { benchQr } from './qr';
import { benchRenderer } from './renderer';

const CLI = resolve(__dirname, '../../dist/cli/keyfob.js');
const SECRET = 'JBSWY3DPEHPK3PXP';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function available(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Median wall time of each whole process, after two warm-up rounds. The commands take turns, round after
 * round, so a change in the machine's load (another job, the disk cache) weighs on all of them alike instead of
 * on whichever series happened to run then: what is compared is their ratio.
 */
function timeProcesses(commands: Array<[string, string[]]>, env: NodeJS.ProcessEnv, runs: number): number[] {
  const times = commands.map((): number[] => []);
  for (let i = 0; i < runs + 2; i++) {
    for (const [c, [cmd, args]] of commands.entries()) {
      const start = performance.now();
      const result = spawnSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const elapsed = performance.now() - start;
      if (result.status !== 0)
        throw new Error(`${cmd} ${args.join(' ')} failed: ${result.stderr.toString()}`);
      if (i >= 2) times[c]!.push(elapsed);
    }
  }
  return times.map(median);
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows)
    console.log(
      '  ' +
        row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('   '),
    );
}

const goal = (met: boolean) => (met ? 'goal met' : 'goal MISSED');

async function benchStartup(): Promise<void> {
  const runs = 25;
  const home = mkdtempSync(join(tmpdir(), 'keyfob-bench-'));
  const service = `keyfob-bench-${process.pid}`;
  const env = { ...process.env, KEYFOB_HOME: home, KEYFOB_KEYCHAIN_SERVICE: service };
  const add = spawnSync(process.execPath, [CLI, 'add', '--uri', `otpauth://totp/Bench:me?secret=${SECRET}`], {
    env,
  });
  if (add.status !== 0) throw new Error(add.stderr.toString());
  try {
    const oathtool = available('oathtool');
    const [bare, stored, fromUri, oath] = timeProcesses(
      [
        [process.execPath, ['-e', '0']],
        [process.execPath, [CLI, 'code', 'bench']],
        [process.execPath, [CLI, 'code', '--uri', `otpauth://totp/x?secret=${SECRET}`]],
        ...(oathtool ? ([['oathtool', ['--totp', '-b', SECRET]]] as Array<[string, string[]]>) : []),
      ],
      env,
      runs,
    ) as [number, number, number, number | undefined];
    const rows = [
      ['command', 'median ms', 'vs node -e 0'],
      ['node -e 0', bare.toFixed(1), '1.00×'],
      ['keyfob code <account> (keychain)', stored.toFixed(1), `${(stored / bare).toFixed(2)}×`],
      ['keyfob code --uri (no keychain)', fromUri.toFixed(1), `${(fromUri / bare).toFixed(2)}×`],
    ];
    if (oath !== undefined) {
      rows.push(['oathtool --totp -b', oath.toFixed(1), `${(oath / bare).toFixed(2)}×`]);
    } else {
      rows.push(['oathtool (not installed: apt-get install oathtool)', '-', '-']);
    }
    console.log(`\nWhole-process time, median of ${runs} runs`);
    table(rows);
    console.log(
      `  keyfob code within 1.5× of node -e 0: ${(stored / bare).toFixed(2)}× (${goal(stored / bare <= 1.5)})`,
    );
  } finally {
    const keychain = new KeytarKeychain({ service });
    for (const item of await keychain.list()) await keychain.delete(item.account);
  }
}

function benchThroughput(): void {
  const accounts = Array.from({ length: 1000 }, (_, i) => ({
    secret: bytesToBase32(new Uint8Array(20).map((_, j) => (i * 13 + j) & 0xff)),
    params: { ...defaultParams('totp'), algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3]! },
  }));
  const rounds = 20;
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    const now = Date.now();
    for (const a of accounts) sink += codeAt(a.secret, a.params, now).code.length;
    times.push(performance.now() - start);
  }
  const ms = median(times);
  console.log('\nCode generation, 1000 accounts (current and next code each, SHA1/256/512 mixed)');
  table([
    ['what', 'median ms', 'codes/s'],
    ['one tick of 1000 accounts', ms.toFixed(2), Math.round((2000 / ms) * 1000).toLocaleString('en')],
  ]);
  if (sink === 0) console.log('(no codes?)');
}

async function benchQrDecode(): Promise<void> {
  const rows = await benchQr();
  console.log('\nQR decoding: Keyfob (in process) and zbarimg (whole process, for reference)');
  const out = [['image', 'keyfob ms', 'found', 'zbarimg ms', 'found']];
  for (const r of rows) {
    out.push([
      r.name,
      r.keyfobMs.toFixed(1),
      r.found ? 'yes' : 'NO',
      r.zbarMs === undefined ? '-' : r.zbarMs.toFixed(1),
      r.zbarFound === undefined ? '-' : r.zbarFound ? 'yes' : 'no',
    ]);
  }
  table(out);
  const fourK = rows.find((r) => /4k/i.test(r.name));
  if (fourK)
    console.log(
      `  4K screenshot under 150 ms: ${fourK.keyfobMs.toFixed(1)} ms (${goal(fourK.found && fourK.keyfobMs < 150)})`,
    );
  if (rows.every((r) => r.zbarMs === undefined))
    console.log('  (zbarimg not installed: apt-get install zbar-tools)');
}

async function benchCognitoLogin(): Promise<void> {
  const r = await benchLogin();
  console.log(
    `\nCognito sign-in with the TOTP code filled in, whole process, median of ${r.runs} runs (local stand-in pool)`,
  );
  const rows = [
    ['command', 'median ms', 'share of AWS CLI chain'],
    [
      'keyfob login --token id',
      r.keyfobMs.toFixed(1),
      r.awsMs === undefined ? '-' : `${((r.keyfobMs / r.awsMs) * 100).toFixed(1)}%`,
    ],
  ];
  rows.push(
    r.awsMs === undefined
      ? [`aws initiate-auth + oathtool + respond-to-auth-challenge (${r.awsMissing})`, '-', '-']
      : ['aws initiate-auth + oathtool + aws respond-to-auth-challenge', r.awsMs.toFixed(1), '100%'],
  );
  table(rows);
  if (r.awsMs !== undefined) {
    const share = r.keyfobMs / r.awsMs;
    console.log(
      `  keyfob login at most 15% of the AWS CLI chain: ${(share * 100).toFixed(1)}% (${goal(share <= 0.15)})`,
    );
  }
}

/** The figures issue 8 measured before the window's rework, at 500 accounts: what the new window is held to. */
const BEFORE_REWORK = { firstPaintMs: 200, listReadyMs: 497, tickScriptMs: 1.66 };

async function benchUi(): Promise<void> {
  const small = await benchRenderer(500);
  const large = await benchRenderer(2000);
  console.log("\nRenderer in Chromium (production build, real handlers over the preview's HTTP bridge)");
  table([
    ['what', 'before rework, 500', '500 accounts', '2,000 accounts'],
    [
      'first contentful paint (ms)',
      BEFORE_REWORK.firstPaintMs.toFixed(1),
      small.firstPaintMs.toFixed(1),
      large.firstPaintMs.toFixed(1),
    ],
    [
      'list ready: every account listed, a window of codes (ms)',
      BEFORE_REWORK.listReadyMs.toFixed(1),
      small.listReadyMs.toFixed(1),
      large.listReadyMs.toFixed(1),
    ],
    [
      'scripting of one code tick, mean over 30 s (ms)',
      BEFORE_REWORK.tickScriptMs.toFixed(2),
      small.tickScriptMs.toFixed(2),
      large.tickScriptMs.toFixed(2),
    ],
    [
      'the tick where every code changes (ms)',
      '',
      small.worstTickScriptMs.toFixed(2),
      large.worstTickScriptMs.toFixed(2),
    ],
  ]);
  console.log(
    `  one tick under 4 ms of scripting at 500 accounts: ${small.tickScriptMs.toFixed(2)} ms (${goal(small.tickScriptMs < 4)})`,
  );
}

async function benchImportAndList(): Promise<void> {
  const r = await benchImportList();
  const n = COUNT.toLocaleString('en');
  console.log(
    `\nImporting ${n} accounts (whole process, one run each) beside the keyring storing ${n} items`,
  );
  const rows = [['what', 'ms', 'per item ms']];
  const row = (what: string, ms: number) => rows.push([what, ms.toFixed(0), (ms / COUNT).toFixed(2)]);
  for (const i of r.imports) row(i.name, i.ms);
  if (r.secretToolMs !== undefined) row(`secret-tool store × ${n} (a process per item)`, r.secretToolMs);
  else rows.push(['secret-tool (not installed: apt-get install libsecret-tools)', '-', '-']);
  row(`keytar setPassword × ${n} (one process)`, r.keytarMs);
  table(rows);
  console.log(`\nkeyfob list, whole process, median of ${r.runs} runs`);
  const ratio = r.list1000Ms / r.list1Ms;
  table([
    ['accounts', 'median ms'],
    ['1', r.list1Ms.toFixed(1)],
    [n, r.list1000Ms.toFixed(1)],
  ]);
  console.log(`  list at ${n} within 1.5× of list at 1: ${ratio.toFixed(2)}× (${goal(ratio <= 1.5)})`);
}

async function main(): Promise<void> {
  console.log(`Keyfob benchmark — node ${process.version}, ${process.platform}/${process.arch}`);
  await benchStartup();
  await benchImportAndList();
  benchThroughput();
  await benchQrDecode();
  await benchCognitoLogin();
  await benchUi();
  printIconBench(benchIcons());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
