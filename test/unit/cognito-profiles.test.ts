import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_SECRET_PREFIX, ProfileStore, validateProfile } from '../../main/cognito/profiles';
import { isKeyfobError } from '../../main/errors';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import type { Unreadable } from '../../main/vault/store';

const GOOD = {
  name: 'staging',
  region: 'eu-west-1',
  userPoolId: 'eu-west-1_AbCdEf123',
  clientId: '1example23456789abcdefghij',
};

function refusal(input: Partial<typeof GOOD> & Record<string, string | undefined>): {
  message: string;
  hint: string;
} {
  try {
    validateProfile({ ...GOOD, ...input }, false);
  } catch (error) {
    if (!isKeyfobError(error, 'PROFILE_INVALID')) throw error;
    return { message: error.message, hint: error.hint ?? '' };
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('validateProfile', () => {
  it('accepts real shapes, normalising what is harmless', () => {
    expect(validateProfile(GOOD, false)).toEqual({ ...GOOD, hasClientSecret: false, authFlow: 'srp' });
    const p = validateProfile(
      {
        name: ' gov ',
        region: 'us-gov-west-1',
        userPoolId: 'us-gov-west-1_x1',
        clientId: 'abc',
        authFlow: 'ADMIN',
        endpoint: 'http://127.0.0.1:9229/',
        awsProfile: 'qa',
      },
      true,
    );
    expect(p).toMatchObject({
      name: 'gov',
      authFlow: 'admin',
      endpoint: 'http://127.0.0.1:9229',
      awsProfile: 'qa',
    });
  });

  it('says what is wrong with each field and what a right value looks like', () => {
    expect(refusal({ name: 'has space' }).hint).toMatch(/letters, digits/);
    expect(refusal({ region: 'europe' }).message).toContain('not an AWS region');
    expect(refusal({ userPoolId: 'AbCdEf123' }).hint).toMatch(/us-east-1_AbCdEf123/);
    const mismatch = refusal({ region: 'eu-west-2' });
    expect(mismatch.message).toContain('is in eu-west-1, not in eu-west-2');
    expect(mismatch.hint).toContain('--region eu-west-1');
    expect(refusal({ userPoolId: 'eu-west-1_has space' }).message).toContain('not a user pool id');
    // An emulator behind --endpoint may use its own prefix (cognito-local: local_...).
    expect(
      validateProfile({ ...GOOD, userPoolId: 'local_6kLmN0pQ', endpoint: 'http://localhost:9229' }, false)
        .userPoolId,
    ).toBe('local_6kLmN0pQ');
    expect(refusal({ userPoolId: 'local_6kLmN0pQ' }).message).toContain('is in local, not in eu-west-1');
    expect(refusal({ clientId: 'Not-A-Client' }).message).toContain('not an app client id');
    expect(refusal({ authFlow: 'custom' }).hint).toMatch(/srp .* password .* admin/);
    expect(refusal({ endpoint: 'not a url' }).message).toContain('not a URL');
    expect(refusal({ endpoint: 'ftp://host' }).message).toContain('http or https');
    expect(refusal({ endpoint: 'http://cognito.example.com' }).message).toContain('unencrypted');
  });
});

describe('ProfileStore', () => {
  function fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-profiles-'));
    const keychain = new MemoryKeychain();
    const moved: string[] = [];
    const why: Unreadable[] = [];
    const store = new ProfileStore(dir, keychain, (path, reason) => {
      moved.push(path);
      why.push(reason);
    });
    return { dir, keychain, moved, why, store };
  }

  it('keeps the client secret in the keychain only, and deletes it with the profile', async () => {
    const { dir, keychain, store } = fresh();
    await store.save(GOOD, { clientSecret: 'top-secret-value' });
    const onDisk = readFileSync(join(dir, 'pools.json'), 'utf8');
    expect(onDisk).not.toContain('top-secret-value');
    expect(JSON.parse(onDisk).pools[0]).toMatchObject({ name: 'staging', hasClientSecret: true });
    expect(keychain.items.get(`${CLIENT_SECRET_PREFIX}staging`)).toBe('top-secret-value');
    expect(await store.clientSecret(await store.get('staging'))).toBe('top-secret-value');

    await store.remove('staging');
    expect(keychain.items.size).toBe(0);
    expect(await store.list()).toEqual([]);
  });

  it('refuses a second profile of the same name unless replacing, and a replace keeps the secret', async () => {
    const { store } = fresh();
    await store.save(GOOD, { clientSecret: 's1' });
    await expect(store.save(GOOD)).rejects.toMatchObject({ code: 'PROFILE_EXISTS' });
    const replaced = await store.save({ ...GOOD, authFlow: 'password' }, { replace: true });
    expect(replaced).toMatchObject({ authFlow: 'password', hasClientSecret: true });
    expect(await store.clientSecret(replaced)).toBe('s1');
    const cleared = await store.save(GOOD, { replace: true, clientSecret: null });
    expect(cleared.hasClientSecret).toBe(false);
    expect(await store.clientSecret(cleared)).toBeUndefined();
  });

  it('names a missing profile and a secret missing from the keychain, with the command that fixes it', async () => {
    const { keychain, store } = fresh();
    await expect(store.get('nope')).rejects.toMatchObject({ code: 'PROFILE_NOT_FOUND' });
    await store.save(GOOD, { clientSecret: 's1' });
    keychain.items.clear();
    await expect(store.clientSecret(await store.get('staging'))).rejects.toMatchObject({
      code: 'SECRET_MISSING',
      hint: expect.stringContaining('--client-secret-stdin --replace'),
    });
  });

  it('moves an unreadable pools.json aside and says so, never overwriting it', async () => {
    const { dir, moved, why, store } = fresh();
    writeFileSync(join(dir, 'pools.json'), '{ this is not json');
    expect(await store.list()).toEqual([]);
    expect(moved).toHaveLength(1);
    expect(why).toEqual([{ reason: 'notJson' }]);
    writeFileSync(join(dir, 'pools.json'), '{"schema": 1, "pools": [{"name": 3}]}');
    expect(await store.list()).toEqual([]);
    expect(why[1]).toEqual({ reason: 'poolMalformed' });
    expect(readFileSync(moved[0]!, 'utf8')).toBe('{ this is not json');
    await store.save(GOOD);
    expect(readdirSync(dir).filter((f) => f.startsWith('pools.json'))).toContain('pools.json');
    expect((await store.list()).map((p) => p.name)).toEqual(['staging']);
  });

  it('leaves a file from a newer Keyfob untouched', async () => {
    const { dir, store } = fresh();
    writeFileSync(join(dir, 'pools.json'), JSON.stringify({ schema: 99, pools: [] }));
    await expect(store.save(GOOD)).rejects.toMatchObject({ code: 'METADATA_UNREADABLE' });
    expect(JSON.parse(readFileSync(join(dir, 'pools.json'), 'utf8')).schema).toBe(99);
  });
});
