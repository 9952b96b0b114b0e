import type { CognitoErrorKey } from '../../../preload/error-keys/cognito';
import type { ErrorCatalog } from './types';

/** German and Chinese for the cognito errors main marks with a key. */
export const cognitoErrors: ErrorCatalog<CognitoErrorKey> = { de: {}, zh: {} };
