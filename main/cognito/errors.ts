import type { ErrorKey } from '../../preload/api';
import { KeyfobError, isKeyfobError, type ErrorCode, type ErrorParams } from '../errors';

/** Where the call was in the flow, so the same exception can be explained in the step's own words. */
export type CognitoStep =
  | 'sign-in'
  | 'new-password'
  | 'mfa-code'
  | 'mfa-setup'
  | 'associate'
  | 'verify'
  | 'preference'
  | 'pool-config'
  | 'other';

/**
 * What an exception means: a code, the catalogue entry that says it (locales/<lang>/errors.json), the facts that
 * go into it, and which of the entry's wordings fits.
 */
interface Explained {
  code: ErrorCode;
  key: ErrorKey;
  params?: ErrorParams;
  variant?: string;
}

function explainNotAuthorized(serviceMessage: string, step: CognitoStep, clientId?: string): Explained {
  const m = serviceMessage;
  if (/session is expired/i.test(m)) {
    return { code: 'COGNITO_SESSION', key: 'cognitoSessionExpired' };
  }
  if (/can only be used once/i.test(m) || /invalid session/i.test(m)) {
    return { code: 'COGNITO_SESSION', key: 'cognitoSessionUsed' };
  }
  if (/password attempts exceeded/i.test(m)) {
    return { code: 'COGNITO_AUTH', key: 'cognitoPasswordAttempts' };
  }
  if (/SECRET_HASH was not received|configured with secret/i.test(m)) {
    return {
      code: 'COGNITO_CONFIG',
      key: 'cognitoClientSecretNeeded',
      ...(clientId ? { params: { clientId }, variant: 'client' } : {}),
    };
  }
  if (/unable to verify secret hash/i.test(m) && step === 'mfa-setup') {
    return { code: 'COGNITO_CONFIG', key: 'cognitoSecretHashMfaSetup' };
  }
  if (/unable to verify secret hash/i.test(m)) {
    return { code: 'COGNITO_CONFIG', key: 'cognitoClientSecretRejected' };
  }
  if (/access token has expired/i.test(m)) {
    return { code: 'COGNITO_SESSION', key: 'cognitoAccessTokenExpired' };
  }
  if (/invalid access token|access token has been revoked/i.test(m)) {
    return { code: 'COGNITO_SESSION', key: 'cognitoTokenRejected' };
  }
  if (/not authorized to perform|security token/i.test(m)) {
    return { code: 'COGNITO_CONFIG', key: 'cognitoAwsNotPermitted' };
  }
  if (step === 'mfa-code') {
    return { code: 'COGNITO_CODE', key: 'cognitoMfaCodeRejected' };
  }
  if (/incorrect username or password|user not authorized/i.test(m)) {
    return { code: 'COGNITO_AUTH', key: 'cognitoWrongPassword' };
  }
  if (/user is disabled/i.test(m)) {
    return { code: 'COGNITO_AUTH', key: 'cognitoUserDisabled' };
  }
  if (/temporary password has expired/i.test(m)) {
    return { code: 'COGNITO_AUTH', key: 'cognitoTemporaryPasswordExpired' };
  }
  return { code: 'COGNITO_AUTH', key: 'cognitoStepRefused' };
}

const LAMBDA: (step: CognitoStep, m: string) => Explained = () => ({
  code: 'COGNITO_SERVICE',
  key: 'cognitoLambda',
});

const BY_NAME: Record<string, (step: CognitoStep, serviceMessage: string) => Explained> = {
  SoftwareTokenMFANotFoundException: (_step, m) =>
    /does not exist for the user/i.test(m)
      ? { code: 'COGNITO_CONFIG', key: 'cognitoTotpNotSetUp' }
      : { code: 'COGNITO_CONFIG', key: 'cognitoTotpNotEnabled' },
  EnableSoftwareTokenMFAException: () => ({ code: 'COGNITO_CODE', key: 'cognitoCodeRejectedNotSetUp' }),
  CodeMismatchException: (step) => ({
    code: 'COGNITO_CODE',
    key: step === 'verify' ? 'cognitoCodeRejectedNotSetUp' : 'cognitoCodeRejected',
  }),
  ExpiredCodeException: (_step, m) =>
    /already been used/i.test(m)
      ? { code: 'COGNITO_CODE', key: 'cognitoCodeUsed' }
      : { code: 'COGNITO_CODE', key: 'cognitoCodeExpired' },
  NotAuthorizedException: () => {
    throw new Error('handled separately');
  },
  UserNotFoundException: () => ({ code: 'COGNITO_AUTH', key: 'cognitoUserNotFound' }),
  UserNotConfirmedException: () => ({ code: 'COGNITO_AUTH', key: 'cognitoUserNotConfirmed' }),
  PasswordResetRequiredException: () => ({ code: 'COGNITO_AUTH', key: 'cognitoPasswordResetRequired' }),
  // Cognito uses it for a new password against the policy; emulators (cognito-local) also for a wrong one.
  InvalidPasswordException: (step) =>
    step === 'new-password'
      ? { code: 'COGNITO_AUTH', key: 'cognitoPasswordPolicy' }
      : { code: 'COGNITO_AUTH', key: 'cognitoPasswordRejected' },
  PasswordHistoryPolicyViolationException: () => ({ code: 'COGNITO_AUTH', key: 'cognitoPasswordReused' }),
  MFAMethodNotFoundException: () => ({ code: 'COGNITO_CONFIG', key: 'cognitoMfaMethodMissing' }),
  InvalidUserPoolConfigurationException: () => ({ code: 'COGNITO_CONFIG', key: 'cognitoPoolMfaConfig' }),
  ResourceNotFoundException: (_step, m) =>
    /device does not exist/i.test(m)
      ? { code: 'COGNITO_SESSION', key: 'cognitoDeviceForgotten' }
      : { code: 'COGNITO_CONFIG', key: 'cognitoPoolUnknown' },
  UserLambdaValidationException: LAMBDA,
  UnexpectedLambdaException: LAMBDA,
  InvalidLambdaResponseException: LAMBDA,
  TooManyRequestsException: () => ({ code: 'COGNITO_THROTTLED', key: 'cognitoRateLimited' }),
  LimitExceededException: () => ({ code: 'COGNITO_THROTTLED', key: 'cognitoTooManyAttempts' }),
  ForbiddenException: () => ({ code: 'COGNITO_FORBIDDEN', key: 'cognitoWafBlocked' }),
  InternalErrorException: () => ({ code: 'COGNITO_SERVICE', key: 'cognitoInternalError' }),
  InvalidParameterException: (step, m) => {
    if (/flow not enabled|is not enabled for the client|auth flow not enabled/i.test(m)) {
      // The advice names the flow to enable, where the service said which one it was.
      const flow = /USER_PASSWORD_AUTH|USER_SRP_AUTH/.exec(m)?.[0];
      return { code: 'COGNITO_CONFIG', key: 'cognitoFlowNotEnabled', ...(flow ? { variant: flow } : {}) };
    }
    if (/delivery config set to turn on SOFTWARE_TOKEN_MFA|not verified software token/i.test(m)) {
      return { code: 'COGNITO_CONFIG', key: 'cognitoTotpNotVerified' };
    }
    if (/Missing required parameter Session/i.test(m)) {
      return { code: 'COGNITO_SESSION', key: 'cognitoSessionLost' };
    }
    return {
      code: 'COGNITO_SERVICE',
      key: step === 'new-password' ? 'cognitoNewPasswordRefused' : 'cognitoValueRefused',
    };
  },
  AliasExistsException: () => ({ code: 'COGNITO_AUTH', key: 'cognitoAliasExists' }),
  UnrecognizedClientException: () => ({ code: 'COGNITO_CONFIG', key: 'cognitoAwsCredentialsUnknown' }),
  CredentialsProviderError: () => ({ code: 'COGNITO_CONFIG', key: 'cognitoAwsCredentialsMissing' }),
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

function networkCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'RequestTimeout') return 'ETIMEDOUT';
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Turns whatever a Cognito call threw into a KeyfobError whose catalogue entry says what it means and what to do,
 * keeping the exception name and the service's own message alongside (`service`: the service's words, as they
 * came, are never translated). Anything already a KeyfobError passes through.
 */
export function explainCognitoError(
  error: unknown,
  step: CognitoStep,
  context: { endpoint?: string; clientId?: string } = {},
): KeyfobError {
  if (isKeyfobError(error)) return error;
  const name = (error as { name?: unknown })?.name;
  const serviceMessage = error instanceof Error ? error.message : String(error);
  const net = networkCode(error);
  if (net) {
    return new KeyfobError(
      'COGNITO_NETWORK',
      'cognitoNetwork',
      { network: net, ...(context.endpoint ? { endpoint: context.endpoint } : {}) },
      {
        cause: error,
        service: { name: net, message: serviceMessage },
        ...(context.endpoint ? { variant: 'endpoint' } : {}),
      },
    );
  }
  if (typeof name === 'string') {
    const explain =
      name === 'NotAuthorizedException'
        ? (s: CognitoStep, m: string) => explainNotAuthorized(m, s, context.clientId)
        : BY_NAME[name];
    if (explain) {
      const e = explain(step, serviceMessage);
      return new KeyfobError(e.code, e.key, e.params, {
        cause: error,
        service: { name, message: serviceMessage },
        ...(e.variant !== undefined ? { variant: e.variant } : {}),
      });
    }
  }
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return new KeyfobError('COGNITO_SERVICE', 'cognitoUnknownError', status ? { status } : undefined, {
    cause: error,
    service: { name: typeof name === 'string' ? name : 'Error', message: serviceMessage },
    ...(status ? { variant: 'status' } : {}),
  });
}
