import type { ErrorKey as CognitoErrorKey } from '../../preload/api';
import { KeyfobError, isKeyfobError, type ErrorCode } from '../errors';

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

interface Explained {
  code: ErrorCode;
  message: string;
  hint: string;
  /** The hint in the window's terms, where `hint` names a `keyfob …` command. */
  appHint?: string;
  /** Which of the window's translated messages this is, and what goes into it. */
  key?: CognitoErrorKey;
  params?: Record<string, string | number>;
}

const CLOCK_HINT =
  'Check that this computer sets its clock automatically (codes depend on the time), then try again with the next code.';

function explainNotAuthorized(serviceMessage: string, step: CognitoStep, clientId?: string): Explained {
  const m = serviceMessage;
  if (/session is expired/i.test(m)) {
    return {
      code: 'COGNITO_SESSION',
      key: 'cognitoSessionExpired',
      message: 'The sign-in session expired: Cognito gives each step only a few minutes (3 by default).',
      hint: 'Start again from the sign-in; a key Keyfob already stored stays until a new one is verified.',
    };
  }
  if (/can only be used once/i.test(m) || /invalid session/i.test(m)) {
    return {
      code: 'COGNITO_SESSION',
      key: 'cognitoSessionUsed',
      message:
        'The sign-in session is no longer valid (each step of a Cognito sign-in can be answered only once).',
      hint: 'Start again from the sign-in.',
    };
  }
  if (/password attempts exceeded/i.test(m)) {
    return {
      code: 'COGNITO_AUTH',
      key: 'cognitoPasswordAttempts',
      message: 'Too many wrong passwords: Cognito has locked this user out for a while.',
      hint: 'Wait (the lock grows from seconds to about 15 minutes), then try once with the right password.',
    };
  }
  if (/SECRET_HASH was not received|configured with secret/i.test(m)) {
    return {
      code: 'COGNITO_CONFIG',
      key: 'cognitoClientSecretNeeded',
      params: { clientId: clientId ?? '' },
      message: `The app client${clientId ? ` ${clientId}` : ''} has a client secret, and this pool profile has none.`,
      hint: 'Add the secret to the profile: keyfob pool add <name> … --client-secret-stdin --replace.',
      appHint: "Edit the pool profile and enter the app client's secret.",
    };
  }
  if (/unable to verify secret hash/i.test(m) && step === 'mfa-setup') {
    return {
      code: 'COGNITO_CONFIG',
      key: 'cognitoSecretHashMfaSetup',
      message:
        'Cognito did not accept the client secret hash when finishing the authenticator set-up: with the password flow it does not say which user name to hash when people sign in by e-mail or phone number.',
      hint: 'Switch this pool profile to the SRP flow (keyfob pool add <name> … --auth-flow srp --replace); the authenticator is already set up, so keyfob login then works.',
      appHint:
        'Edit the pool profile and choose the SRP sign-in flow; the authenticator is already set up, so signing in then works.',
    };
  }
  if (/unable to verify secret hash/i.test(m)) {
    return {
      code: 'COGNITO_CONFIG',
      key: 'cognitoClientSecretRejected',
      message: 'Cognito did not accept the client secret stored in this pool profile.',
      hint: 'Copy the app client secret again (Cognito console: App clients → Show client secret) and store it in the profile.',
    };
  }
  if (/access token has expired/i.test(m)) {
    return {
      code: 'COGNITO_SESSION',
      key: 'cognitoAccessTokenExpired',
      message: 'The sign-in has expired (its access token is older than its lifetime).',
      hint: 'Sign in again.',
    };
  }
  if (/invalid access token|access token has been revoked/i.test(m)) {
    return {
      code: 'COGNITO_SESSION',
      key: 'cognitoTokenRejected',
      message: 'Cognito did not accept the sign-in token.',
      hint: 'Sign in again.',
    };
  }
  if (/not authorized to perform|security token/i.test(m)) {
    return {
      code: 'COGNITO_CONFIG',
      key: 'cognitoAwsNotPermitted',
      message: 'The AWS credentials are not allowed to do this for the pool.',
      hint: 'Use credentials (or --aws-profile) with cognito-idp permissions on this user pool.',
    };
  }
  if (step === 'mfa-code') {
    return {
      code: 'COGNITO_CODE',
      key: 'cognitoMfaCodeRejected',
      message: 'Cognito did not accept the code for this sign-in.',
      hint: CLOCK_HINT,
    };
  }
  if (/incorrect username or password|user not authorized/i.test(m)) {
    return {
      code: 'COGNITO_AUTH',
      key: 'cognitoWrongPassword',
      message: 'Cognito did not accept the user name and password.',
      hint: 'Check both (user names can be case-sensitive), then try again.',
    };
  }
  if (/user is disabled/i.test(m)) {
    return {
      code: 'COGNITO_AUTH',
      key: 'cognitoUserDisabled',
      message: 'This user is disabled in the pool.',
      hint: "Ask the pool's administrator to enable the user again.",
    };
  }
  if (/temporary password has expired/i.test(m)) {
    return {
      code: 'COGNITO_AUTH',
      key: 'cognitoTemporaryPasswordExpired',
      message: 'The temporary password has expired before it was changed.',
      hint: "Ask the pool's administrator to send a new one (AdminCreateUser with MessageAction RESEND).",
    };
  }
  return {
    code: 'COGNITO_AUTH',
    key: 'cognitoStepRefused',
    message: 'Cognito refused this step of the sign-in.',
    hint: 'What the service said is below; start the sign-in again, and ask the pool administrator if it persists.',
  };
}

const LAMBDA: (step: CognitoStep, m: string) => Explained = () => ({
  code: 'COGNITO_SERVICE',
  key: 'cognitoLambda',
  message: 'A custom check of the pool (one of its Lambda triggers) refused the sign-in or failed.',
  hint: "The message below comes from the pool's own code; ask the pool's administrator about it.",
});

const BY_NAME: Record<string, (step: CognitoStep, serviceMessage: string) => Explained> = {
  SoftwareTokenMFANotFoundException: (_step, m) =>
    /does not exist for the user/i.test(m)
      ? {
          code: 'COGNITO_CONFIG',
          key: 'cognitoTotpNotSetUp',
          message: 'This user has no authenticator app (TOTP) set up in the pool.',
          hint: 'Enroll it first: keyfob enroll --pool <name> --username <user>.',
          appHint: 'Set up Keyfob as the authenticator for this user first.',
        }
      : {
          code: 'COGNITO_CONFIG',
          key: 'cognitoTotpNotEnabled',
          message: 'Authenticator-app (TOTP) MFA is not enabled for this user pool.',
          hint: "Ask the pool's administrator to enable it, or, on your own test pool: keyfob pool mfa-config <profile> --totp on.",
          appHint:
            "Ask the pool's administrator to enable authenticator apps for the pool; on your own test pool, `keyfob pool mfa-config <profile> --totp on` in a terminal does it.",
        },
  EnableSoftwareTokenMFAException: () => ({
    code: 'COGNITO_CODE',
    key: 'cognitoCodeRejectedNotSetUp',
    message: 'Cognito did not accept the code, so the authenticator was not set up.',
    hint: CLOCK_HINT,
  }),
  CodeMismatchException: (step) => ({
    code: 'COGNITO_CODE',
    key: step === 'verify' ? 'cognitoCodeRejectedNotSetUp' : 'cognitoCodeRejected',
    message:
      step === 'verify'
        ? 'Cognito did not accept the code, so the authenticator was not set up.'
        : 'Cognito did not accept the code.',
    hint: CLOCK_HINT,
  }),
  ExpiredCodeException: (_step, m) =>
    /already been used/i.test(m)
      ? {
          code: 'COGNITO_CODE',
          key: 'cognitoCodeUsed',
          message: 'That code was already used once; Cognito accepts each code only once.',
          hint: 'Wait for the next code (at most 30 seconds) and try again.',
        }
      : {
          code: 'COGNITO_CODE',
          key: 'cognitoCodeExpired',
          message: 'The code has expired.',
          hint: 'Use a new code.',
        },
  NotAuthorizedException: () => {
    throw new Error('handled separately');
  },
  UserNotFoundException: () => ({
    code: 'COGNITO_AUTH',
    key: 'cognitoUserNotFound',
    message: 'The pool has no user with that name.',
    hint: 'Check the user name (or e-mail address) and the pool profile.',
  }),
  UserNotConfirmedException: () => ({
    code: 'COGNITO_AUTH',
    key: 'cognitoUserNotConfirmed',
    message: 'The user has not confirmed their account yet.',
    hint: 'Confirm it with the code Cognito sent, or ask the administrator to confirm the user.',
  }),
  PasswordResetRequiredException: () => ({
    code: 'COGNITO_AUTH',
    key: 'cognitoPasswordResetRequired',
    message: 'The pool requires this user to reset their password.',
    hint: 'Reset it through the application\'s "forgot password" page, or ask the administrator.',
  }),
  // Cognito uses it for a new password against the policy; emulators (cognito-local) also for a wrong one.
  InvalidPasswordException: (step) =>
    step === 'new-password'
      ? {
          code: 'COGNITO_AUTH',
          key: 'cognitoPasswordPolicy',
          message: "The new password does not meet the pool's password policy.",
          hint: 'Choose a longer password with the required mix of upper and lower case letters, digits and symbols.',
        }
      : {
          code: 'COGNITO_AUTH',
          key: 'cognitoPasswordRejected',
          message: 'Cognito did not accept the password.',
          hint: 'Check it (passwords are case-sensitive), then try again.',
        },
  PasswordHistoryPolicyViolationException: () => ({
    code: 'COGNITO_AUTH',
    key: 'cognitoPasswordReused',
    message: 'The pool does not allow reusing a recent password.',
    hint: 'Choose a password you have not used before.',
  }),
  MFAMethodNotFoundException: () => ({
    code: 'COGNITO_CONFIG',
    key: 'cognitoMfaMethodMissing',
    message: 'The pool asked for an MFA method this user has not set up.',
    hint: 'Set up the authenticator first with keyfob enroll.',
    appHint: 'Set up Keyfob as the authenticator first.',
  }),
  InvalidUserPoolConfigurationException: () => ({
    code: 'COGNITO_CONFIG',
    key: 'cognitoPoolMfaConfig',
    message: 'The user pool is not configured for this (for example, no MFA method it can use).',
    hint: "Ask the pool's administrator to check its MFA settings.",
  }),
  ResourceNotFoundException: (_step, m) =>
    /device does not exist/i.test(m)
      ? {
          code: 'COGNITO_SESSION',
          key: 'cognitoDeviceForgotten',
          message: 'Cognito no longer knows the device this sign-in was remembered on.',
          hint: 'Sign in again.',
        }
      : {
          code: 'COGNITO_CONFIG',
          key: 'cognitoPoolUnknown',
          message: 'Cognito does not know this user pool or app client.',
          hint: 'Check the pool id, app client id and region in the pool profile (keyfob pool list).',
          appHint: 'Check the pool id, app client id and region: Edit the pool profile.',
        },
  UserLambdaValidationException: LAMBDA,
  UnexpectedLambdaException: LAMBDA,
  InvalidLambdaResponseException: LAMBDA,
  TooManyRequestsException: () => ({
    code: 'COGNITO_THROTTLED',
    key: 'cognitoRateLimited',
    message: 'Cognito is limiting requests to this pool right now.',
    hint: 'Wait a few seconds and try again.',
  }),
  LimitExceededException: () => ({
    code: 'COGNITO_THROTTLED',
    key: 'cognitoTooManyAttempts',
    message: 'Cognito refused: too many attempts in a short time.',
    hint: 'Wait a few minutes and try again.',
  }),
  ForbiddenException: () => ({
    code: 'COGNITO_FORBIDDEN',
    key: 'cognitoWafBlocked',
    message: "The pool's web application firewall (AWS WAF) blocked the request.",
    hint: "Try from another network, or ask the pool's administrator to allow this address or relax the WAF rule.",
  }),
  InternalErrorException: () => ({
    code: 'COGNITO_SERVICE',
    key: 'cognitoInternalError',
    message: 'Cognito had an internal error.',
    hint: 'Try again in a moment.',
  }),
  InvalidParameterException: (step, m) => {
    if (/flow not enabled|is not enabled for the client|auth flow not enabled/i.test(m)) {
      return {
        code: 'COGNITO_CONFIG',
        key: 'cognitoFlowNotEnabled',
        params: {
          flow: /USER_PASSWORD_AUTH/.test(m)
            ? 'USER_PASSWORD_AUTH'
            : /USER_SRP_AUTH/.test(m)
              ? 'USER_SRP_AUTH'
              : '',
        },
        message: 'The app client does not allow this sign-in flow.',
        hint: /USER_PASSWORD_AUTH/.test(m)
          ? 'Enable ALLOW_USER_PASSWORD_AUTH on the app client, or use --auth-flow srp for this pool profile.'
          : /USER_SRP_AUTH/.test(m)
            ? 'Enable ALLOW_USER_SRP_AUTH on the app client, or use --auth-flow password for this pool profile.'
            : 'Enable the flow on the app client (e.g. ALLOW_ADMIN_USER_PASSWORD_AUTH), or choose another --auth-flow.',
      };
    }
    if (/delivery config set to turn on SOFTWARE_TOKEN_MFA|not verified software token/i.test(m)) {
      return {
        code: 'COGNITO_CONFIG',
        key: 'cognitoTotpNotVerified',
        message: 'Cognito cannot make the authenticator the MFA method before it has been verified.',
        hint: 'Finish the enrollment (verify a code) first.',
      };
    }
    if (/Missing required parameter Session/i.test(m)) {
      return {
        code: 'COGNITO_SESSION',
        key: 'cognitoSessionLost',
        message: 'The sign-in session was lost.',
        hint: 'Start again from the sign-in.',
      };
    }
    return {
      code: 'COGNITO_SERVICE',
      key: step === 'new-password' ? 'cognitoNewPasswordRefused' : 'cognitoValueRefused',
      message:
        step === 'new-password'
          ? 'Cognito refused the new password or a required attribute.'
          : 'Cognito refused a value Keyfob sent.',
      hint: 'Check the details shown below; if they look right, this may be a Keyfob bug: please report it.',
    };
  },
  AliasExistsException: () => ({
    code: 'COGNITO_AUTH',
    key: 'cognitoAliasExists',
    message: 'Another user already has that e-mail address or phone number.',
    hint: 'Use a different one.',
  }),
  UnrecognizedClientException: () => ({
    code: 'COGNITO_CONFIG',
    key: 'cognitoAwsCredentialsUnknown',
    message: 'AWS did not recognise the credentials.',
    hint: 'Check AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or the --aws-profile you chose.',
  }),
  CredentialsProviderError: () => ({
    code: 'COGNITO_CONFIG',
    key: 'cognitoAwsCredentialsMissing',
    message: 'No AWS credentials were found for the admin flow.',
    hint: 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, run `aws configure`, or give the pool profile an --aws-profile.',
  }),
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
 * Turns whatever a Cognito call threw into a KeyfobError with a plain message and a next step, keeping the
 * exception name and the service's own message alongside. Anything already a KeyfobError passes through.
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
      `Keyfob could not reach Cognito${context.endpoint ? ` at ${context.endpoint}` : ''} (${net}).`,
      'Check the network connection (and any proxy or VPN), and the region or endpoint in the pool profile.',
      {
        cause: error,
        service: { name: net, message: serviceMessage },
        key: 'cognitoNetwork',
        params: { endpoint: context.endpoint ?? '', network: net },
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
      return new KeyfobError(e.code, e.message, e.hint, {
        cause: error,
        service: { name, message: serviceMessage },
        ...(e.appHint ? { appHint: e.appHint } : {}),
        ...(e.key ? { key: e.key } : {}),
        ...(e.params ? { params: e.params } : {}),
      });
    }
  }
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return new KeyfobError(
    'COGNITO_SERVICE',
    `Cognito answered with an error Keyfob does not know${status ? ` (HTTP ${status})` : ''}.`,
    'Try again; if it persists, check the pool profile and the details below.',
    {
      cause: error,
      service: { name: typeof name === 'string' ? name : 'Error', message: serviceMessage },
      key: 'cognitoUnknownError',
      params: { status: status ?? '' },
    },
  );
}
