import type { PoolTest, PoolView } from '../../preload/api';
import * as schema from '../../preload/schemas';
import { KeyfobError } from '../errors';
import { profileView } from '../cognito/profiles';
import type { CognitoServices, Handlers, IpcContext } from './context';
import { check, result } from './result';

export function cognitoOf(ctx: IpcContext): CognitoServices {
  if (!ctx.cognito) throw new KeyfobError('PROFILE_NOT_FOUND', 'cognitoUnavailable');
  return ctx.cognito;
}

/** Cognito pool profiles: pools.json, their client secrets in the keychain. */
export function poolHandlers(
  ctx: IpcContext,
): Pick<Handlers, 'listPools' | 'savePool' | 'removePool' | 'testPool'> {
  return {
    listPools: () =>
      result(async () => (await cognitoOf(ctx).profiles.list()).map((p): PoolView => profileView(p))),

    savePool: (rawInput, rawReplace) =>
      result(async () => {
        const input = check(schema.poolInput, rawInput, 'pool profile');
        const secret = input.clientSecret;
        const saved = await cognitoOf(ctx).profiles.save(
          {
            name: input.name,
            region: input.region,
            userPoolId: input.userPoolId,
            clientId: input.clientId,
            endpoint: input.endpoint,
            authFlow: input.authFlow,
            awsProfile: input.awsProfile,
          },
          {
            replace: rawReplace === true,
            ...(secret === undefined ? {} : { clientSecret: secret === '' ? null : secret }),
          },
        );
        return profileView(saved);
      }),

    removePool: (name) =>
      result(async () =>
        profileView(await cognitoOf(ctx).profiles.remove(check(schema.profileName, name, 'profile name'))),
      ),

    testPool: (name) =>
      result<PoolTest>(async () => {
        const profile = check(schema.profileName, name, 'profile name');
        const found = await (await cognitoOf(ctx).engine()).testConnection(profile);
        return {
          poolId: found.poolId,
          clientId: found.clientId,
          ...(found.problem ? { problem: found.problem.forApp() } : {}),
        };
      }),
  };
}
