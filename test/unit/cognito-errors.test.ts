import { describe, expect, it } from 'vitest';
import { explainCognitoError } from '../../main/cognito/errors';
import { KeyfobError, type ErrorCode } from '../../main/errors';
import { serviceError } from '../support/error-checks';

type Step = Parameters<typeof explainCognitoError>[1];

// Every row of the reference's exception catalogue (§2.9), with what the user must be told.
const CATALOGUE: Array<[string, string, Step, ErrorCode, RegExp, RegExp]> = [
  [
    'ResourceNotFoundException',
    'User pool client abc does not exist.',
    'sign-in',
    'COGNITO_CONFIG',
    /does not know this user pool/,
    /pool list/,
  ],
  [
    'InvalidParameterException',
    'USER_SRP_AUTH is not enabled for the client.',
    'sign-in',
    'COGNITO_CONFIG',
    /does not allow this sign-in flow/,
    /ALLOW_USER_SRP_AUTH/,
  ],
  ['NotAuthorizedException', 'User is disabled.', 'sign-in', 'COGNITO_AUTH', /disabled/, /enable the user/],
  [
    'NotAuthorizedException',
    'Temporary password has expired and must be reset by an administrator.',
    'sign-in',
    'COGNITO_AUTH',
    /temporary password has expired/,
    /new one/,
  ],
  [
    'NotAuthorizedException',
    'Something Cognito says one day',
    'associate',
    'COGNITO_AUTH',
    /refused this step/,
    /below/,
  ],
  [
    'NotAuthorizedException',
    'Unable to verify secret hash for client 1abc',
    'mfa-setup',
    'COGNITO_CONFIG',
    /e-mail or phone/,
    /--auth-flow srp/,
  ],
  [
    'UserLambdaValidationException',
    'PreAuthentication failed with error Not on the allow list.',
    'sign-in',
    'COGNITO_SERVICE',
    /Lambda/,
    /administrator/,
  ],
  ['UnexpectedLambdaException', 'boom', 'sign-in', 'COGNITO_SERVICE', /Lambda/, /administrator/],
  ['InvalidLambdaResponseException', 'bad', 'sign-in', 'COGNITO_SERVICE', /Lambda/, /administrator/],
  [
    'SoftwareTokenMFANotFoundException',
    'Software Token MFA has not been enabled by the userPool',
    'associate',
    'COGNITO_CONFIG',
    /not enabled for this user pool/,
    /mfa-config .* --totp on/,
  ],
  [
    'SoftwareTokenMFANotFoundException',
    'Software Token MFA does not exist for the user.',
    'mfa-code',
    'COGNITO_CONFIG',
    /no authenticator/,
    /keyfob enroll/,
  ],
  [
    'EnableSoftwareTokenMFAException',
    'Code mismatch and fail enable Software Token MFA',
    'verify',
    'COGNITO_CODE',
    /not set up/,
    /clock/,
  ],
  [
    'CodeMismatchException',
    'Invalid code or auth state for the user.',
    'mfa-code',
    'COGNITO_CODE',
    /did not accept the code/,
    /clock/,
  ],
  [
    'ExpiredCodeException',
    'Your software token has already been used once.',
    'mfa-code',
    'COGNITO_CODE',
    /already used/,
    /next code/,
  ],
  [
    'NotAuthorizedException',
    'Invalid session for the user, session is expired.',
    'verify',
    'COGNITO_SESSION',
    /expired/,
    /Start again/,
  ],
  [
    'NotAuthorizedException',
    'Invalid session for the user, session can only be used once.',
    'mfa-code',
    'COGNITO_SESSION',
    /only once/,
    /Start again/,
  ],
  [
    'NotAuthorizedException',
    'Invalid session for the user.',
    'mfa-code',
    'COGNITO_SESSION',
    /no longer valid/,
    /Start again/,
  ],
  [
    'InvalidParameterException',
    'Missing required parameter Session',
    'mfa-code',
    'COGNITO_SESSION',
    /session was lost/,
    /Start again/,
  ],
  [
    'NotAuthorizedException',
    'Incorrect username or password.',
    'sign-in',
    'COGNITO_AUTH',
    /user name and password/,
    /Check both/,
  ],
  [
    'NotAuthorizedException',
    'Password attempts exceeded',
    'sign-in',
    'COGNITO_AUTH',
    /Too many wrong passwords/,
    /Wait/,
  ],
  [
    'InvalidParameterException',
    'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    'sign-in',
    'COGNITO_SERVICE',
    /refused a value/,
    /report/,
  ],
  [
    'NotAuthorizedException',
    'Client 1abc is configured with secret but SECRET_HASH was not received',
    'sign-in',
    'COGNITO_CONFIG',
    /has a client secret/,
    /--client-secret-stdin --replace/,
  ],
  [
    'NotAuthorizedException',
    'Unable to verify secret hash for client 1abc',
    'sign-in',
    'COGNITO_CONFIG',
    /did not accept the client secret/,
    /Copy the app client secret/,
  ],
  [
    'InvalidParameterException',
    'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
    'preference',
    'COGNITO_CONFIG',
    /before it has been verified/,
    /verify a code/,
  ],
  [
    'NotAuthorizedException',
    'Invalid Access Token',
    'associate',
    'COGNITO_SESSION',
    /sign-in token/,
    /Sign in again/,
  ],
  [
    'NotAuthorizedException',
    'Access Token has expired',
    'associate',
    'COGNITO_SESSION',
    /expired/,
    /Sign in again/,
  ],
  [
    'UserNotFoundException',
    'User does not exist.',
    'sign-in',
    'COGNITO_AUTH',
    /no user with that name/,
    /Check the user name/,
  ],
  [
    'UserNotConfirmedException',
    'User is not confirmed.',
    'sign-in',
    'COGNITO_AUTH',
    /not confirmed/,
    /Confirm it/,
  ],
  [
    'ResourceNotFoundException',
    'Device does not exist.',
    'sign-in',
    'COGNITO_SESSION',
    /no longer knows the device/,
    /Sign in again/,
  ],
  [
    'LimitExceededException',
    'Attempt limit exceeded, please try after some time.',
    'verify',
    'COGNITO_THROTTLED',
    /too many attempts/,
    /Wait/,
  ],
  ['TooManyRequestsException', 'Rate exceeded', 'sign-in', 'COGNITO_THROTTLED', /limiting requests/, /Wait/],
  [
    'ForbiddenException',
    'Request not allowed due to WAF block.',
    'sign-in',
    'COGNITO_FORBIDDEN',
    /firewall/,
    /another network/,
  ],
  [
    'InvalidParameterException',
    'USER_PASSWORD_AUTH flow not enabled for this client',
    'sign-in',
    'COGNITO_CONFIG',
    /does not allow this sign-in flow/,
    /ALLOW_USER_PASSWORD_AUTH/,
  ],
  [
    'PasswordResetRequiredException',
    'Password reset required for the user',
    'sign-in',
    'COGNITO_AUTH',
    /reset their password/,
    /forgot password/,
  ],
  [
    'InvalidPasswordException',
    'Password does not conform to policy: Password not long enough',
    'new-password',
    'COGNITO_AUTH',
    /password policy/,
    /longer password/,
  ],
  [
    'InternalErrorException',
    'Internal server error',
    'sign-in',
    'COGNITO_SERVICE',
    /internal error/,
    /Try again/,
  ],
  [
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
    'pool-config',
    'COGNITO_CONFIG',
    /credentials/,
    /AWS_ACCESS_KEY_ID/,
  ],
];

describe('explainCognitoError', () => {
  it.each(CATALOGUE)('%s "%s" at %s', (name, message, step, code, says, next) => {
    const error = explainCognitoError(serviceError(name, message), step, { clientId: '1abc' });
    expect(error).toBeInstanceOf(KeyfobError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(says);
    expect(error.hint).toMatch(next);
    // The service's own words travel with the explanation, for the details pane and bug reports.
    expect(error.service).toEqual({ name, message });
  });

  it.each(CATALOGUE)('%s "%s" at %s: the window gets advice it can follow', (name, message, step) => {
    const { hint } = explainCognitoError(serviceError(name, message), step, { clientId: '1abc' }).forApp();
    // A `keyfob …` command means nothing in the window, unless it is offered as one for a terminal.
    if (/keyfob (pool|enroll|login|list|remove|mfa)/.test(hint ?? '')) expect(hint).toMatch(/in a terminal/);
    expect(hint).toBeTruthy();
  });

  it('names a network failure, found however deep the SDK wrapped it, with the endpoint', () => {
    const wrapped = Object.assign(new Error('fetch failed'), {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
    });
    const error = explainCognitoError(wrapped, 'sign-in', { endpoint: 'http://127.0.0.1:9' });
    expect(error.code).toBe('COGNITO_NETWORK');
    expect(error.message).toContain('http://127.0.0.1:9');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.hint).toMatch(/network|proxy/);
  });

  it('keeps an exception it does not know, with its name and the HTTP status', () => {
    const error = explainCognitoError(serviceError('BrandNewException', 'Something new', 418), 'sign-in');
    expect(error.code).toBe('COGNITO_SERVICE');
    expect(error.message).toContain('418');
    expect(error.service).toEqual({ name: 'BrandNewException', message: 'Something new' });
  });

  it('explains the same exception in the words of the step it happened at', () => {
    const atVerify = explainCognitoError(serviceError('CodeMismatchException', 'x'), 'verify');
    const atSignIn = explainCognitoError(serviceError('CodeMismatchException', 'x'), 'mfa-code');
    expect(atVerify.message).toMatch(/not set up/);
    expect(atSignIn.message).not.toMatch(/not set up/);
  });

  it('passes a Keyfob error through untouched', () => {
    const own = new KeyfobError('INPUT_NEEDED', 'passwordNeeded');
    expect(explainCognitoError(own, 'sign-in')).toBe(own);
  });
});
