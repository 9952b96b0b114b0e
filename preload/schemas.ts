/**
 * What main accepts on each channel of the contract (./api.ts), as valibot schemas: arguments come from the
 * renderer, a less trusted process, as `unknown`, and are checked here before anything reads them. Main imports
 * this; the preload and the renderer do not need it.
 */
import * as v from 'valibot';
import type {
  AccountSort,
  Algorithm,
  FileImport,
  AuthFlow,
  FlowAnswer,
  FlowRequest,
  KeyfobApi,
  KeyInput,
  OtpType,
  PoolInput,
  SettingsView,
} from './api';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const whole = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const bytes = (max: number) =>
  v.pipe(
    v.custom<Uint8Array>((b) => b instanceof Uint8Array),
    v.check((b) => b.byteLength > 0 && b.byteLength <= max),
  );

/** As Keyfob makes them (randomUUID): lower-case 8-4-4-4-12 hex, nothing else (main/vault/ids.ts). */
export const accountId = v.pipe(
  v.string(),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
);
export const accountIds = v.pipe(v.array(accountId), v.maxLength(100_000));
/** A paste: links, or a file's text. */
export const pastedText = text(64 * 1024);
export const imageBytes = bytes(50 * 1024 * 1024);
/** What the camera's worker found in a frame: a few decoded texts, each offered for confirmation. */
export const foundCodes = v.pipe(v.array(text(8192)), v.minLength(1), v.maxLength(16));
/** How much room each account takes in the window's list (SettingsView.density). */
export const density = v.picklist(['comfortable', 'compact'] as const satisfies ReadonlyArray<
  SettingsView['density']
>);
/** What to do with a key found in the keychain without its account details. */
export const orphanAction = v.picklist(['restore', 'delete']);

const OTP_TYPES = ['totp', 'hotp', 'steam'] as const satisfies readonly OtpType[];
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const satisfies readonly Algorithm[];
/**
 * Loose bounds on a name: main cleans names and words what is wrong with one (main/vault/names.ts, whose cap counts
 * characters, not the UTF-16 units this would), so a long name is told "too long", not "invalid".
 */
const nameText = text(4096);
export const keyInput = v.object({
  issuer: v.optional(nameText, ''),
  label: v.optional(nameText, ''),
  secret: text(1024),
  type: v.optional(v.picklist(OTP_TYPES), 'totp'),
  algorithm: v.optional(v.picklist(ALGORITHMS)),
  digits: v.optional(whole(1, 10)),
  period: v.optional(whole(1, 86400)),
  counter: v.optional(whole(0, Number.MAX_SAFE_INTEGER)),
});
/** Another app's export: a file, read whole in main (the largest real exports are a few megabytes). */
export const fileImport = v.object({
  bytes: bytes(20 * 1024 * 1024),
  fileName: text(1024),
  format: v.optional(text(64)),
  password: v.optional(text(1024)),
});
export const names = v.object({ issuer: v.optional(nameText), label: v.optional(nameText) });
export const exportFormat = v.picklist(['uris', 'migration']);
/** An encrypted backup's password: not empty (a backup anyone could open is the plain export's job). */
export const backupPassword = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
/** Loose bounds only: main's plain-text check (main/vault/names.ts) words what is wrong with a tag. */
export const tags = v.pipe(v.array(text(256)), v.maxLength(100));
/** A brand icon's slug (simple-icons spells them in lower case), "letter", or null for the automatic choice. */
export const iconChoice = v.nullable(v.pipe(v.string(), v.regex(/^(?:letter|[a-z0-9][a-z0-9_.-]{0,63})$/)));
/** The list's order (SettingsView.sort). */
export const accountSort = v.picklist([
  'manual',
  'name',
  'recent',
] as const satisfies ReadonlyArray<AccountSort>);

export const linkId = text(64);
export const flag = v.boolean();
export const shortcut = text(128);

const AUTH_FLOWS = ['srp', 'password', 'admin'] as const satisfies readonly AuthFlow[];
export const profileName = text(256);
export const poolInput = v.object({
  name: text(256),
  region: text(64),
  userPoolId: text(128),
  clientId: text(256),
  clientSecret: v.optional(text(1024)),
  endpoint: v.optional(text(2048)),
  authFlow: v.optional(v.picklist(AUTH_FLOWS)),
  awsProfile: v.optional(text(256)),
});

export const flowKind = v.picklist(['enroll', 'login']);
export const flowRequest = v.object({
  profile: text(256),
  username: text(256),
  password: text(1024),
  deviceName: v.optional(text(256)),
  prefer: v.optional(v.boolean()),
  typeVerificationCode: v.optional(v.boolean()),
});
export const flowId = text(64);
export const flowAnswer = v.variant('kind', [
  v.object({ kind: v.literal('cancel') }),
  v.object({ kind: v.literal('code'), code: text(16) }),
  v.object({ kind: v.literal('verificationCode'), code: v.optional(text(16)) }),
  v.object({
    kind: v.literal('newPassword'),
    password: text(1024),
    attributes: v.optional(v.record(text(256), text(2048))),
  }),
]);
/** A sign-in's token to copy: JWTs with many groups run to a few kilobytes; none is this long. */
export const token = v.pipe(v.string(), v.minLength(1), v.maxLength(65_536));
/** An import's report as words: a few hundred characters a line, for the largest import files. */
export const reportText = v.pipe(v.string(), v.minLength(1), v.maxLength(4 * 1024 * 1024));

/**
 * Each schema accepts everything the contract lets the renderer send: when the two drift apart (a field added
 * to the contract, not here), this fails the type check rather than a person's click at run time.
 */
type Accepts<S extends v.GenericSchema, T> = [T] extends [v.InferInput<S>] ? true : false;
export const CONTRACT_ACCEPTED: [
  Accepts<typeof keyInput, KeyInput>,
  Accepts<typeof fileImport, FileImport>,
  Accepts<typeof names, Parameters<KeyfobApi['renameAccount']>[1]>,
  Accepts<typeof foundCodes, Parameters<KeyfobApi['offerCodes']>[0]>,
  Accepts<typeof orphanAction, Parameters<KeyfobApi['resolveOrphan']>[1]>,
  Accepts<typeof exportFormat, Parameters<KeyfobApi['exportAccounts']>[0]>,
  Accepts<typeof backupPassword, Parameters<KeyfobApi['exportBackup']>[0]>,
  Accepts<typeof tags, Parameters<KeyfobApi['setTags']>[1]>,
  Accepts<typeof iconChoice, Parameters<KeyfobApi['setIcon']>[1]>,
  Accepts<typeof poolInput, PoolInput>,
  Accepts<typeof flowKind, Parameters<KeyfobApi['startFlow']>[0]>,
  Accepts<typeof flowRequest, FlowRequest>,
  Accepts<typeof flowAnswer, FlowAnswer>,
  Accepts<typeof token, Parameters<KeyfobApi['copyToken']>[0]>,
  Accepts<typeof reportText, Parameters<KeyfobApi['copyReport']>[0]>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
