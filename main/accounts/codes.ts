import type { CodeBatch, CopyResult } from '../../preload/api';
import { KeyfobError } from '../errors';
import { codeAt, type Clock } from '../otp/codes';
import type { Vault } from '../vault/vault';

/** Puts a code on the clipboard and clears it later (main/app/clipboard.ts in the app). */
export interface CodeCopier {
  copy(code: string, validUntilMs: number): void;
}

/**
 * The code to copy for an account: the current one, or the next when the period is about to end (a code with
 * a moment left is useless by the time it is pasted), with when the copied code stops being valid.
 */
export async function codeToCopy(
  vault: Vault,
  clock: Clock,
  id: string,
  nextWithinMs: number,
): Promise<CopyResult & { validUntil: number }> {
  const account = await vault.get(id);
  if (account.type === 'hotp') {
    throw new KeyfobError('PARAMS_INVALID', 'counterOnRequest');
  }
  const now = clock.now();
  const current = await vault.code(account.id, now);
  const time = current.time!;
  const useNext = time.expiresAt - now <= nextWithinMs;
  return {
    code: useNext ? time.next : current.code,
    next: useNext,
    validUntil: time.expiresAt + (useNext ? account.period * 1000 : 0),
  };
}

/**
 * Codes for every time-based account at `now`, in one pass over the keychain: what the window gets each
 * second. Keys never leave this function.
 */
export async function codeBatch(vault: Vault, now: number): Promise<CodeBatch> {
  const accounts = (await vault.list()).filter((a) => a.type !== 'hotp');
  const secrets = await vault.secretsFor(accounts.map((a) => a.id));
  const codes = [];
  for (const a of accounts) {
    const s = secrets.get(a.id);
    if (!s) continue;
    const t = codeAt(s.secret, s.params, now);
    codes.push({ id: a.id, code: t.code, remainingMs: t.expiresAt - now, period: a.period, next: t.next });
  }
  return { at: now, codes };
}
