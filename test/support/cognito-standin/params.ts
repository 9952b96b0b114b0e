/** Reading request members the way the JSON 1.1 model types them. */
import { CognitoError, constraintProblems, err } from './errors';

export type Body = Record<string, unknown>;
export type Json = Record<string, unknown>;

function typeError(member: string, expected: string): CognitoError {
  return new CognitoError('SerializationException', `${member} must be ${expected}.`);
}

export function optString(body: Body, member: string): string | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw typeError(member, 'a string');
  return value;
}

export function reqString(body: Body, member: string): string {
  const value = optString(body, member);
  if (value === undefined) throw err.notNull(member);
  return value;
}

export function optObject(body: Body, member: string): Body | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw typeError(member, 'an object');
  return value as Body;
}

export function optStringMap(body: Body, member: string): Record<string, string> | undefined {
  const value = optObject(body, member);
  if (value === undefined) return undefined;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw typeError(`${member}.${key}`, 'a string');
  }
  return value as Record<string, string>;
}

export function optBoolean(body: Body, member: string): boolean | undefined {
  const value = body[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw typeError(member, 'a boolean');
  return value;
}

export function checkEnum(member: string, value: string, allowed: readonly string[]): void {
  if (!allowed.includes(value)) {
    throw err.validation([
      `Value '${value}' at '${member.charAt(0).toLowerCase()}${member.slice(1)}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
    ]);
  }
}

/** Session members are 20–2048 characters in the model (§2.2). */
export function checkSession(session: string | undefined): void {
  if (session === undefined) return;
  const problems = constraintProblems('Session', session, { min: 20, max: 2048, sensitive: true });
  if (problems.length) throw err.validation(problems);
}

/** AccessToken members match `[A-Za-z0-9-_=.]+` in the model (§2.2); AWS leaves sensitive values out. */
export function checkAccessTokenShape(token: string): void {
  if (!/^[A-Za-z0-9\-_=.]+$/.test(token)) {
    throw err.validation([
      "Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
    ]);
  }
}
