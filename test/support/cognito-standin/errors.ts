/**
 * Exceptions of the Cognito stand-in and the exact messages the real service is reported to use
 * (reference /work/shared/reference/cognito.md §2.9). Messages under "stand-in wording" were not
 * found in any source and are our own; tests should not rely on their text.
 */

export class CognitoError extends Error {
  readonly status: number;
  constructor(name: string, message: string, status?: number) {
    super(message);
    this.name = name;
    this.status = status ?? defaultStatus(name);
  }
}

/**
 * HTTP status of an exception: 400 for client faults and 500 for InternalErrorException (§1). The API
 * reference gives ForbiddenException (a WAF block) 403.
 */
export function defaultStatus(name: string): number {
  if (name === 'InternalErrorException') return 500;
  if (name === 'ForbiddenException') return 403;
  return 400;
}

/**
 * Texts from §2.9 unless noted. Not in the reference but seen in reports of real responses: the flow-
 * not-enabled and "Initiate Auth method not supported." texts (issue titles and bug reports quoting the
 * service), the SigV4 texts (the generic AWS front-end messages), the refresh-token and temporary-
 * password texts.
 */
export const Msg = {
  incorrectCredentials: 'Incorrect username or password.',
  passwordAttemptsExceeded: 'Password attempts exceeded',
  userNotFound: 'User does not exist.',
  userNotConfirmed: 'User is not confirmed.',
  temporaryPasswordExpired: 'Temporary password has expired and must be reset by an administrator.',
  sessionExpired: 'Invalid session for the user, session is expired.',
  sessionUsed: 'Invalid session for the user, session can only be used once.',
  sessionInvalid: 'Invalid session for the user.',
  timestampFormat: 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
  verifyMismatch: 'Code mismatch and fail enable Software Token MFA',
  codeMismatch: 'Invalid code or auth state for the user.',
  codeReused: 'Your software token has already been used once.',
  totpNotEnabledInPool: 'Software Token MFA has not been enabled by the userPool',
  totpNotForUser: 'Software Token MFA does not exist for the user.',
  invalidAccessToken: 'Invalid Access Token',
  expiredAccessToken: 'Access Token has expired',
  invalidRefreshToken: 'Invalid Refresh Token',
  expiredRefreshToken: 'Refresh Token has expired',
  userPasswordAuthDisabled: 'USER_PASSWORD_AUTH flow not enabled for this client',
  userSrpAuthDisabled: 'USER_SRP_AUTH is not enabled for the client.',
  authFlowDisabled: 'Auth flow not enabled for this client',
  initiateAuthMethodNotSupported: 'Initiate Auth method not supported.',
  deviceNotFound: 'Device does not exist.',
  missingAuthToken: 'Missing Authentication Token',
  unrecognizedClient: 'The security token included in the request is invalid.',
  signatureMismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  wrongRegion: (region: string) => `Credential should be scoped to a valid region, not '${region}'. `,
  wrongService: (service: string) => `Credential should be scoped to correct service: '${service}'. `,
  secretHashMissing: (clientId: string) =>
    `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
  secretHashWrong: (clientId: string) => `Unable to verify secret hash for client ${clientId}`,
  noDeliveryConfig: (type: string) => `User does not have delivery config set to turn on ${type}`,
  missingParameter: (name: string) => `Missing required parameter ${name}`,
  clientNotFound: (clientId: string) => `User pool client ${clientId} does not exist.`,
  poolNotFound: (poolId: string) => `User pool ${poolId} does not exist.`,
  attributesMissing: (names: string[]) => `Invalid attributes given, ${names.join(' and ')} is missing`,
  passwordPolicy: (why: string) => `Password does not conform to policy: ${why}`,

  // stand-in wording (no source found for the real text)
  tokenAndSession: 'Only one of AccessToken or Session can be specified.',
  tokenOrSession: 'Either AccessToken or Session must be specified.',
  noTotpAssociation:
    'No software token has been associated with the user; call AssociateSoftwareToken first.',
  invalidSrpA: 'Invalid SRP_A value.',
  invalidMfaAnswer: (answer: string) => `Invalid MFA type given: ${answer}`,
  preferredNotEnabled: (type: string) => `${type} must be enabled to be the preferred MFA.`,
  onePreferred: 'Only one MFA method can be preferred.',
  mfaNeedsFactor: 'At least one MFA method must be enabled when MfaConfiguration is ON or OPTIONAL.',
  notImplemented: (operation: string) => `${operation} is not a Cognito operation the stand-in implements.`,
} as const;

export const err = {
  notAuthorized: (message: string) => new CognitoError('NotAuthorizedException', message),
  invalidParameter: (message: string) => new CognitoError('InvalidParameterException', message),
  missingParameter: (name: string) =>
    new CognitoError('InvalidParameterException', Msg.missingParameter(name)),
  /** Request-shape violations, in the "N validation error(s) detected" style AWS uses. */
  validation: (problems: string[]) =>
    new CognitoError(
      'InvalidParameterException',
      `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`,
    ),
  userNotFound: () => new CognitoError('UserNotFoundException', Msg.userNotFound),
  resourceNotFound: (message: string) => new CognitoError('ResourceNotFoundException', message),
  /** A required member absent, phrased like the service's model validation. */
  notNull: (member: string) =>
    err.validation([
      `Value null at '${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`,
    ]),
};

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Model-constraint problems for a string member, in the service's validation wording. */
export function constraintProblems(
  member: string,
  value: string,
  rule: { min?: number; max?: number; pattern?: RegExp; patternText?: string; sensitive?: boolean },
): string[] {
  // AWS leaves the value of members marked sensitive in the model out of the message.
  const at = rule.sensitive
    ? `Value at '${lowerFirst(member)}'`
    : `Value '${value}' at '${lowerFirst(member)}'`;
  const problems: string[] = [];
  if (rule.min !== undefined && value.length < rule.min)
    problems.push(
      `${at} failed to satisfy constraint: Member must have length greater than or equal to ${rule.min}`,
    );
  if (rule.max !== undefined && value.length > rule.max)
    problems.push(
      `${at} failed to satisfy constraint: Member must have length less than or equal to ${rule.max}`,
    );
  if (rule.pattern && !rule.pattern.test(value))
    problems.push(
      `${at} failed to satisfy constraint: Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`,
    );
  return problems;
}
