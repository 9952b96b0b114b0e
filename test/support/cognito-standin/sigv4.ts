/**
 * Checks the AWS Signature Version 4 on Admin* / pool-configuration calls, which the real service only
 * accepts with IAM credentials (§1). The signature itself is verified, so a client that signs with the
 * wrong secret, region or service fails here as it would against AWS. The request time is not compared
 * with the stand-in's clock: tests move that clock freely while the SDK signs with the real one.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { CognitoError, Msg } from './errors';

export interface AdminCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface SignedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SERVICE = 'cognito-idp';
const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

/** Throws the exception AWS's front end gives for a missing, unknown or wrong signature. */
export function verifySigV4(request: SignedRequest, credentials: AdminCredentials, region: string): void {
  const authorization = headerValue(request.headers, 'authorization');
  if (!authorization) throw new CognitoError('MissingAuthenticationTokenException', Msg.missingAuthToken);
  const match = AUTH_PATTERN.exec(authorization);
  if (!match) {
    throw new CognitoError(
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${authorization.split(' ')[0] ?? ''}`,
    );
  }
  const [, keyId, day, scopeRegion, service, signedHeaders, signature] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (keyId !== credentials.accessKeyId) {
    throw new CognitoError('UnrecognizedClientException', Msg.unrecognizedClient);
  }
  if (scopeRegion !== region)
    throw new CognitoError('InvalidSignatureException', Msg.wrongRegion(scopeRegion));
  if (service !== SERVICE) throw new CognitoError('InvalidSignatureException', Msg.wrongService(SERVICE));

  const amzDate = headerValue(request.headers, 'x-amz-date');
  const names = signedHeaders.split(';');
  if (!amzDate || !amzDate.startsWith(day) || !names.includes('host')) {
    throw new CognitoError('InvalidSignatureException', Msg.signatureMismatch);
  }
  const canonicalHeaders = names
    .map((name) => `${name}:${(headerValue(request.headers, name) ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const [path, query = ''] = request.path.split('?', 2) as [string, string?];
  const canonicalQuery = query.split('&').filter(Boolean).sort().join('&');
  const canonicalRequest = [
    request.method,
    path,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    headerValue(request.headers, 'x-amz-content-sha256') ?? sha256Hex(request.body),
  ].join('\n');
  const scope = `${day}/${scopeRegion}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [scopeRegion, service, 'aws4_request']) key = hmac(key, part);
  const expected = createHmac('sha256', key).update(stringToSign).digest();
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new CognitoError('InvalidSignatureException', Msg.signatureMismatch);
  }
}
