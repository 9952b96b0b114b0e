export type ErrorParams = Record<string, string | number>;
export type ErrorEntry = { message: (p: ErrorParams) => string; hint?: (p: ErrorParams) => string };
/** Every key of an area, in German and in Chinese: a missing one fails the type check. */
export type ErrorCatalog<K extends string> = Record<'de' | 'zh', Record<K, ErrorEntry>>;
