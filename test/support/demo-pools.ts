/**
 * The two pools of the local Cognito stand-in that `npm run demo:pool` and `npm run preview` run:
 *
 *   demo        MFA OPTIONAL, TOTP on; user `demo` (confirmed) — enroll after signing in
 *   demo-setup  MFA ON, TOTP on; user `newbie` with a temporary password — NEW_PASSWORD_REQUIRED,
 *               then the MFA_SETUP chain
 *
 * Pool and client ids are fixed so that profiles made for them stay valid across restarts; state itself
 * (enrolled secrets, new passwords) lives in the stand-in's memory.
 */
import type { CognitoStandIn } from './cognito-standin';

export const DEMO_REGION = 'eu-west-1';
export const DEMO_POOL = {
  id: `${DEMO_REGION}_KeyfobDem`,
  client: 'keyfobdemooptional0000000a',
  username: 'demo',
  password: 'Demo-Passw0rd!',
};
export const SETUP_POOL = {
  id: `${DEMO_REGION}_KeyfobMfa`,
  client: 'keyfobdemorequired0000000b',
  username: 'newbie',
  password: 'Temp-Passw0rd!',
};
// Fixed so the admin flow can be tried with the printed env line; they open nothing but the stand-in.
export const DEMO_CREDENTIALS = {
  accessKeyId: 'AKIAKEYFOBDEMO000000',
  secretAccessKey: 'keyfob-demo-secret-not-a-real-key',
};

export function seedDemoPools(s: CognitoStandIn): void {
  s.addPool({ id: DEMO_POOL.id, name: 'keyfob-demo', mfa: 'OPTIONAL', totp: true });
  // 15 minutes (the AWS maximum) per challenge step leaves time to install an authenticator.
  s.addClient(DEMO_POOL.id, { id: DEMO_POOL.client, name: 'keyfob-demo', sessionMinutes: 15 });
  s.addUser(DEMO_POOL.id, {
    username: DEMO_POOL.username,
    password: DEMO_POOL.password,
    email: 'demo@example.com',
  });

  s.addPool({ id: SETUP_POOL.id, name: 'keyfob-demo-mfa-on', mfa: 'ON', totp: true });
  s.addClient(SETUP_POOL.id, { id: SETUP_POOL.client, name: 'keyfob-demo-mfa-on', sessionMinutes: 15 });
  s.addUser(SETUP_POOL.id, {
    username: SETUP_POOL.username,
    password: SETUP_POOL.password,
    status: 'FORCE_CHANGE_PASSWORD',
  });
}
