import type { FormatsErrorKey } from '../../../preload/error-keys/formats';
import type { ErrorCatalog } from './types';

/** German and Chinese for the formats errors main marks with a key. */
export const formatsErrors: ErrorCatalog<FormatsErrorKey> = { de: {}, zh: {} };
