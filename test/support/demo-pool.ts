/**
 * A local Cognito to try Keyfob's enrollment and sign-in against: `npm run demo:pool`
 * (tsx test/support/demo-pool.ts). Runs the strict stand-in until Ctrl-C with two pools:
 *
 *   demo        MFA OPTIONAL, TOTP on; user `demo` (confirmed) — enroll after signing in
 *   demo-setup  MFA ON, TOTP on; user `newbie` with a temporary password — NEW_PASSWORD_REQUIRED,
 *               then the MFA_SETUP chain
 *
 * Pool and client ids are fixed (test/support/demo-pools.ts) so the printed `keyfob pool add` lines stay valid
 * across restarts; state itself (enrolled secrets, new passwords) lives in memory and is gone after a restart.
 */
import { CognitoStandIn, type ResponseInfo } from './cognito-standin';
import { DEMO_CREDENTIALS, DEMO_POOL, DEMO_REGION as REGION, SETUP_POOL, seedDemoPools } from './demo-pools';

const DEFAULT_PORT = 9230;

function requestedPort(): number {
  const raw = process.env.DEMO_POOL_PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`DEMO_POOL_PORT must be a port number, not ${raw}`);
  }
  return port;
}

function logResponse(info: ResponseInfo): void {
  const time = new Date().toISOString().slice(11, 19);
  const outcome = info.error ? `${info.status} ${info.error.name}: ${info.error.message}` : `${info.status}`;
  console.log(`  ${time}  ${info.target.padEnd(28)} ${outcome}`);
}

async function start(): Promise<CognitoStandIn> {
  const port = requestedPort();
  const options = { region: REGION, adminCredentials: DEMO_CREDENTIALS, onResponse: logResponse };
  try {
    return await CognitoStandIn.start({ ...options, port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
    console.warn(
      `Port ${port} is taken; using a free one (the --endpoint lines below differ from last time).`,
    );
    return CognitoStandIn.start({ ...options, port: 0 });
  }
}

async function main(): Promise<void> {
  const s = await start();

  seedDemoPools(s);

  const add = (name: string, pool: { id: string; client: string }, flow?: string) =>
    `keyfob pool add ${name} --region ${REGION} --user-pool-id ${pool.id} --client-id ${pool.client} --endpoint ${s.endpoint}${flow ? ` --auth-flow ${flow}` : ''}`;

  console.log(`
Cognito stand-in listening on ${s.endpoint} (region ${REGION}). Ctrl-C stops it; state is in memory only.

Pool "demo" (${DEMO_POOL.id}): MFA OPTIONAL, TOTP on. User demo / Demo-Passw0rd!
Pool "demo-setup" (${SETUP_POOL.id}): MFA ON, TOTP on. User newbie, temporary password Temp-Passw0rd!

1. Add the pools to Keyfob (srp is the default flow; password and admin work too):

  ${add('demo', DEMO_POOL)}
  ${add('demo-setup', SETUP_POOL)}
  ${add('demo-password', DEMO_POOL, 'password')}
  ${add('demo-admin', DEMO_POOL, 'admin')}

   The admin flow signs with AWS credentials; for this demo use
  export AWS_ACCESS_KEY_ID=${DEMO_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${DEMO_CREDENTIALS.secretAccessKey}

2. Enroll an authenticator, then sign in with it:

  printf '%s\\n' 'Demo-Passw0rd!' | keyfob enroll --pool demo --username demo --password-stdin
  printf '%s\\n' 'Demo-Passw0rd!' | keyfob login --pool demo --username demo --password-stdin --token id

3. First sign-in with a temporary password in an MFA-required pool (new password, then MFA_SETUP):

  printf '%s\\n%s\\n' 'Temp-Passw0rd!' 'Newbie-Passw0rd!' | keyfob enroll --pool demo-setup --username newbie --password-stdin --new-password-stdin
  printf '%s\\n' 'Newbie-Passw0rd!' | keyfob login --pool demo-setup --username newbie --password-stdin --token id

   A code that enrolled can't sign in too: Cognito refuses a code twice, so login waits for the next one.

Requests:`);

  let closing = false;
  const stop = () => {
    if (closing) process.exit(1);
    closing = true;
    console.log('\nStopping the stand-in.');
    s.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
