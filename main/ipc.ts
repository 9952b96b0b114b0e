import type {
  AccountView,
  AuthFlow,
  FlowAnswer,
  FlowEvent,
  FlowProgress,
  PoolView,
  AppInfo,
  CodeBatch,
  CopyResult,
  ExportView,
  ImportReport,
  InvokeName,
  KeyfobApi,
  KeyInput,
  Result,
  RevealedKey,
  StartupReport,
  ErrorKey,
  ImportPlace,
  PoolTest,
  ErrorInfo,
} from '../preload/api';
import { KeyfobError, isKeyfobError } from './errors';
import { collectAccounts, type CollectedAccounts } from './otp/collect';
import { codeAt, type Clock, systemClock } from './otp/codes';
import { buildMigrationUris, missingBatches } from './otp/migration';
import { ALGORITHMS, defaultParams, displayName, type OtpParams, type OtpType } from './otp/types';
import { formatOtpauthUri } from './otp/uri';
import { isAccountId } from './vault/ids';
import type { Account, ImportOutcome, RecoveryReport, Vault } from './vault/vault';
import type { CognitoEngine, Progress } from './cognito/engine';
import { CognitoFlows, type FlowEvent as EngineFlowEvent } from './cognito/flows';
import { profileView, type PoolProfile, type ProfileStore } from './cognito/profiles';
import { DEFAULT_SETTINGS, type Settings, type SettingsStore } from './settings';

/** What a handler receives: the renderer's arguments, untrusted until validated. */
export type Handlers = { [K in InvokeName]: (...args: unknown[]) => ReturnType<KeyfobApi[K]> };

/**
 * What main asks the person itself before a key leaves the vault: the renderer's own confirmation could be
 * skipped by anything running in the page. `account` is the account's display name.
 */
export type ConfirmRequest = { kind: 'reveal'; account: string } | { kind: 'export'; count: number };

/** Puts a code on the clipboard and clears it later (main/app/clipboard.ts in the app). */
export interface CodeCopier {
  copy(code: string, validUntilMs: number): void;
}

export interface CognitoServices {
  profiles: ProfileStore;
  /** Loaded on first use: the engine brings the AWS SDK. */
  engine: () => Promise<CognitoEngine>;
  /** Pushes a flow's steps to the renderer. */
  emitFlow: (event: FlowEvent) => void;
}

export interface Services {
  vault: Vault;
  cognito?: CognitoServices;
  version: string;
  hostName?: string;
  platform?: string;
  clipboard?: CodeCopier;
  /** QR texts in a PNG/JPEG file or an RGBA frame; loaded on demand (the decoder is large). */
  qr?: {
    decodeImage(bytes: Uint8Array): Promise<string[]> | string[];
    decodeFrame(frame: { width: number; height: number; data: Uint8Array }): Promise<string[]> | string[];
  };
  clock?: Clock;
  /** settings.json, and what applies a change in main (the clipboard's clearing, start at login). */
  settings?: {
    store: SettingsStore;
    /** Applies a change in main; may report state the renderer shows (the shortcut taken by another app). */
    apply?: (settings: Settings) => Partial<Settings> | void;
    /** That state now. */
    status?: () => Partial<Settings>;
  };
  /** Links handed to the app, held in main until the person accepts or declines them by id. */
  links?: {
    take(id: string): string | undefined;
    discard(id: string): boolean;
    /** Offers texts (QR codes found on screen) the same way; returns those queued. */
    add(texts: readonly unknown[]): unknown[];
  };
  /** Every display's picture, as RGBA frames (desktopCapturer in the app). */
  screen?: { capture(): Promise<Array<{ width: number; height: number; data: Uint8Array }>> };
  /** Called when the renderer says it is ready for pushes. */
  onReady?: () => void;
  /** The quick-search palette closed: the window may go back behind the application it came over. */
  palette?: { dismissed(): void };
  /** The vault's recovery at start (vault.recover()), reported to the window once it asks. */
  recovery?: () => Promise<RecoveryReport | undefined>;
  /** Keyfob's global shortcuts, suspended while the person records one. */
  shortcuts?: { suspend(suspended: boolean): void };
  /** Copying in the last seconds of a period copies the next code (default 3 s). */
  nextCodeWithinMs?: number;
  /**
   * Asks the person, outside the page (a native dialog in the app), whether a key may be shown or exported.
   * Without it nothing is revealed or exported.
   */
  confirm?: (request: ConfirmRequest) => Promise<boolean>;
}

/** What Keyfob can add from a QR code: one account's link, or a Google Authenticator export. */
const SETUP_CODE = /^otpauth(-migration)?:\/\//i;

const INTERNAL: ErrorInfo = {
  code: 'INTERNAL',
  message: 'Something went wrong inside Keyfob.',
  hint: 'Try again; if it keeps happening, restart Keyfob.',
  key: 'internal',
};

async function result<T>(run: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isKeyfobError(error)) return { ok: false, error: error.forApp() };
    // Unexpected errors cross without their text, which might quote something it should not (a key).
    return { ok: false, error: INTERNAL };
  }
}

// ---- argument checks: everything from the renderer is `unknown` until these accept it ----------------------

function invalid(what: string): KeyfobError {
  return new KeyfobError('PARAMS_INVALID', `Keyfob received an invalid ${what}.`, 'Try again.');
}

function text(value: unknown, what: string, max = 64 * 1024): string {
  if (typeof value !== 'string' || value.length > max) throw invalid(what);
  return value;
}

function id(value: unknown): string {
  if (!isAccountId(value)) throw invalid('account id');
  return value;
}

/** The person said no to main's own question: the window just carries on, it is not an error to show. */
function cancelled(): KeyfobError {
  return new KeyfobError('CANCELLED', 'Cancelled.', undefined, { key: 'cancelled' });
}

function bytes(value: unknown, what: string, max: number): Uint8Array {
  if (!(value instanceof Uint8Array) || value.byteLength === 0 || value.byteLength > max) throw invalid(what);
  return value;
}

function whole(value: unknown, what: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw invalid(what);
  return value;
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(what);
  return value as Record<string, unknown>;
}

// ---- views ----------------------------------------------------------------------------------------------------

export function accountView(a: Account): AccountView {
  const view: AccountView = {
    id: a.id,
    issuer: a.issuer,
    label: a.label,
    type: a.type,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    status: a.status,
  };
  if (a.icon) view.icon = a.icon;
  if (a.cognito) view.cognito = { ...a.cognito };
  return view;
}

/** How a place is named in English (the CLI's words); the window translates it from `place`. */
function placeName(place: ImportPlace): string {
  switch (place.kind) {
    case 'text':
      return 'the text';
    case 'link':
      return 'the link';
    case 'line':
      return `line ${place.n ?? 1}`;
    case 'qr':
      return `QR code ${place.n ?? 1}`;
  }
}

function importReport(
  collected: CollectedAccounts,
  outcomes: ImportOutcome[],
  places: ReadonlyMap<string, ImportPlace> = new Map(),
): ImportReport {
  const keyed = (r: { key?: ErrorKey; params?: Record<string, string | number> }) => ({
    ...(r.key ? { reasonKey: r.key } : {}),
    ...(r.params ? { reasonParams: r.params } : {}),
  });
  return {
    entries: [
      ...outcomes.map((o) =>
        o.status === 'added'
          ? {
              name: o.name,
              status: o.status,
              id: o.account.id,
              ...(o.reason ? { reason: o.reason, ...keyed(o) } : {}),
            }
          : { name: o.name, status: o.status, reason: o.reason, ...keyed(o) },
      ),
      ...collected.refused.map((r) => {
        const place = places.get(r.name);
        return {
          name: r.name,
          status: 'refused' as const,
          reason: r.reason,
          ...keyed(r),
          ...(place ? { place } : {}),
        };
      }),
    ],
    missing: missingBatches(collected.batches).map((m) => ({
      batchSize: m.batchSize,
      missing: m.missing.map((i) => i + 1),
    })),
  };
}

const poolView = (p: PoolProfile): PoolView => profileView(p);

function progressView(p: Progress): FlowProgress | undefined {
  switch (p.type) {
    case 'signingIn':
      return { type: 'signingIn' };
    case 'challenge':
      return { type: 'challenge', state: p.state };
    case 'clockSkew':
      return { type: 'clockSkew', offsetMs: p.offsetMs };
    case 'waitingForCode':
      return { type: 'waitingForCode', seconds: p.seconds };
    case 'secretStored':
      return { type: 'secretStored', accountId: p.account.id, secret: p.secret, uri: p.uri };
    case 'verified':
      return { type: 'verified', accountId: p.account.id };
    case 'preferenceSet':
      return { type: 'preferenceSet', preferred: p.preferred };
    case 'replaced':
      return { type: 'replaced', name: displayName(p.old) };
  }
}

function flowEventView(e: EngineFlowEvent): FlowEvent | undefined {
  switch (e.type) {
    case 'progress': {
      const progress = progressView(e.progress);
      return progress ? { flowId: e.flowId, type: 'progress', progress } : undefined;
    }
    case 'prompt':
      return e;
    case 'error':
      return e;
    case 'done':
      return {
        flowId: e.flowId,
        type: 'done',
        username: e.username,
        tokens: e.tokens,
        ...(e.account ? { account: accountView(e.account) } : {}),
      };
  }
}

const AUTH_FLOWS: readonly AuthFlow[] = ['srp', 'password', 'admin'];

/** The handler map: Electron registers it (main/app/ipc-register.ts); tests call it directly. */
export function createHandlers(services: Services): Handlers {
  const { vault } = services;
  const clock = services.clock ?? systemClock;
  const nextWithin = services.nextCodeWithinMs ?? 3000;

  // A removed account's shortcut would otherwise stay registered, copying nothing but an error.
  const forgetShortcut = async (accountId: string): Promise<void> => {
    const settings = services.settings;
    if (!settings) return;
    try {
      const current = await settings.store.get();
      if (current.accountShortcuts[accountId] === undefined) return;
      settings.apply?.(await settings.store.setAccountShortcut(accountId, ''));
    } catch {
      // The account is gone either way; main drops shortcuts of missing accounts when it next lists them.
    }
  };
  const settingsView = async (saved: Settings): Promise<Settings> => ({
    ...saved,
    ...(services.settings?.apply?.(saved) ?? {}),
  });

  const addTexts = async (texts: Array<{ text: string; place: ImportPlace }>): Promise<ImportReport> => {
    const named = texts.map((t) => ({ text: t.text, where: placeName(t.place) }));
    const places = new Map(named.map((t, i) => [t.where, texts[i]!.place]));
    const collected = collectAccounts(named);
    if (collected.accounts.length === 0 && collected.refused.length === 0) {
      throw new KeyfobError(
        'URI_INVALID',
        'There is no otpauth:// or otpauth-migration:// link in this text.',
        'Paste the link a site shows under its QR code, or add the account by its key.',
        { key: 'noLinkInText' },
      );
    }
    return importReport(collected, await vault.addMany(collected.accounts), places);
  };

  /**
   * A code found in an image, on a screen or by the camera is never added straight away: like a link handed to
   * the app, it waits (services.links) until the person has seen what it would add and said yes (acceptLink).
   */
  const offerFound = (found: string[], none: () => KeyfobError): { found: number } => {
    if (!services.links)
      throw new KeyfobError('IMAGE_UNSUPPORTED', 'Reading QR codes is not available here.');
    if (found.length === 0) throw none();
    const usable = found.map((t) => t.trim()).filter((t) => SETUP_CODE.test(t));
    if (usable.length === 0) {
      throw new KeyfobError(
        'QR_NOT_FOUND',
        found.length === 1
          ? 'The QR code is not an authenticator setup code.'
          : 'None of the QR codes is an authenticator setup code.',
        'Show the QR code the site gives for two-step verification, then try again.',
        { key: 'qrNotSetupCodes', params: { codes: found.length } },
      );
    }
    return { found: services.links.add(usable).length };
  };

  const cognito = () => {
    if (!services.cognito) throw new KeyfobError('PROFILE_NOT_FOUND', 'Cognito is not available here.');
    return services.cognito;
  };
  let flows: CognitoFlows | undefined;
  const cognitoFlows = () => {
    const c = cognito();
    flows ??= new CognitoFlows(c.engine, (e) => {
      const view = flowEventView(e);
      if (view) c.emitFlow(view);
    });
    return flows;
  };
  const optionalText = (value: unknown, what: string, max = 2048): string | undefined =>
    value === undefined ? undefined : text(value, what, max);

  const qr = () => {
    if (!services.qr) throw new KeyfobError('IMAGE_UNSUPPORTED', 'Reading QR codes is not available here.');
    return services.qr;
  };

  return {
    startupReport: () =>
      result<StartupReport>(async () => {
        const report = await services.recovery?.();
        if (!report) return { orphans: [], missingKey: [] };
        // Asked again, not taken from the report: after a reload, keys restored or deleted since are not offered.
        const orphans = report.orphans.length > 0 ? await vault.orphans() : [];
        return {
          ...(report.movedAside ? { movedAside: { path: report.movedAside.path } } : {}),
          orphans: orphans.map((o) => ({ id: o.id, name: displayName(o), pending: o.pending })),
          missingKey: report.missingSecret.map((a) => ({ id: a.id, name: displayName(a) })),
        };
      }),

    appInfo: () =>
      result<AppInfo>(() => ({
        version: services.version,
        keychain: vault.keychainDescription,
        hostName: services.hostName ?? '',
        platform: services.platform ?? '',
      })),

    listAccounts: () => result(async () => (await vault.list()).map(accountView)),

    addFromText: (value) =>
      result(() => {
        const lines = text(value, 'text')
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l !== '');
        return addTexts(
          lines.map((l, i) => ({
            text: l,
            place: lines.length === 1 ? { kind: 'text' } : { kind: 'line', n: i + 1 },
          })),
        );
      }),

    scanImage: (value) =>
      result(async () => {
        const found = await qr().decodeImage(bytes(value, 'image', 50 * 1024 * 1024));
        return offerFound(
          found,
          () =>
            new KeyfobError(
              'QR_NOT_FOUND',
              'No QR code was found.',
              'Make the QR code larger and sharper (zoom in, or crop the picture), then try again.',
              { key: 'qrNotFound' },
            ),
        );
      }),

    offerCodes: (value) =>
      result(() => {
        if (!Array.isArray(value) || value.length === 0 || value.length > 16) throw invalid('codes');
        return offerFound(
          value.map((t) => text(t, 'code', 8192)),
          () => invalid('codes'),
        );
      }),

    addFromKey: (value) =>
      result(async () => {
        const input = record(value, 'account') as Partial<Record<keyof KeyInput, unknown>>;
        const type = (input.type ?? 'totp') as OtpType;
        if (!['totp', 'hotp', 'steam'].includes(type)) throw invalid('type');
        const params: OtpParams = defaultParams(type);
        if (input.algorithm !== undefined) {
          if (!(ALGORITHMS as readonly unknown[]).includes(input.algorithm)) throw invalid('algorithm');
          params.algorithm = input.algorithm as OtpParams['algorithm'];
        }
        if (type !== 'steam') params.digits = whole(input.digits, 'number of digits', 1, 10) ?? params.digits;
        params.period = whole(input.period, 'period', 1, 86400) ?? params.period;
        params.counter = whole(input.counter, 'counter', 0, Number.MAX_SAFE_INTEGER) ?? 0;
        const added = await vault.add({
          issuer: text(input.issuer ?? '', 'issuer', 256).trim(),
          label: text(input.label ?? '', 'account name', 256).trim(),
          secret: text(input.secret, 'key', 1024),
          params,
          extra: {},
        });
        return accountView(added);
      }),

    renameAccount: (rawId, rawNames) =>
      result(async () => {
        const names = record(rawNames, 'names');
        const change: { issuer?: string; label?: string } = {};
        if (names.issuer !== undefined) change.issuer = text(names.issuer, 'issuer', 256).trim();
        if (names.label !== undefined) change.label = text(names.label, 'account name', 256).trim();
        return accountView(await vault.rename(id(rawId), change));
      }),

    reorderAccounts: (rawIds) =>
      result(async () => {
        if (!Array.isArray(rawIds) || rawIds.length > 100_000) throw invalid('order');
        return (await vault.reorder(rawIds.map(id))).map(accountView);
      }),

    removeAccount: (rawId) =>
      result(async () => {
        const removed = accountView(await vault.remove(id(rawId)));
        await forgetShortcut(removed.id);
        return removed;
      }),

    copyCode: (rawId) =>
      result<CopyResult>(async () => {
        const account = await vault.get(id(rawId));
        if (account.type === 'hotp') {
          throw new KeyfobError(
            'PARAMS_INVALID',
            'A counter-based code is made on request.',
            'Use "Generate code".',
            { key: 'counterOnRequest' },
          );
        }
        const now = clock.now();
        const current = await vault.code(account.id, now);
        const time = current.time!;
        // A code with a moment left is useless by the time it is pasted: copy the next one instead.
        const useNext = time.expiresAt - now <= nextWithin;
        const code = useNext ? time.next : current.code;
        const validUntil = time.expiresAt + (useNext ? account.period * 1000 : 0);
        services.clipboard?.copy(code, validUntil);
        return { code, next: useNext };
      }),

    hotpCode: (rawId) => result(async () => (await vault.code(id(rawId))).code),

    resolveOrphan: (rawId, rawAction) =>
      result(async () => {
        const orphanId = id(rawId);
        if (rawAction === 'restore') {
          const [restored] = await vault.restoreOrphans([orphanId]);
          if (!restored)
            throw new KeyfobError('ACCOUNT_NOT_FOUND', 'That key is no longer waiting.', undefined, {
              key: 'accountGone',
            });
        } else if (rawAction === 'delete') await vault.deleteOrphan(orphanId);
        else throw invalid('choice');
      }),

    revealKey: (rawId) =>
      result<RevealedKey>(async () => {
        const account = await vault.get(id(rawId));
        const yes = await services.confirm?.({ kind: 'reveal', account: displayName(account) });
        if (yes !== true) throw cancelled();
        const full = await vault.reveal(account.id);
        return { secret: full.secret, uri: formatOtpauthUri(full) };
      }),

    exportAccounts: (format) =>
      result<ExportView>(async () => {
        if (format !== 'uris' && format !== 'migration') throw invalid('export format');
        const accounts = await vault.list();
        const yes = await services.confirm?.({ kind: 'export', count: accounts.length });
        if (yes !== true) throw cancelled();
        const full = [];
        for (const a of accounts) full.push(await vault.reveal(a.id));
        if (format === 'uris') return { lines: full.map((a) => formatOtpauthUri(a)), excluded: [] };
        const built = buildMigrationUris(full);
        return {
          lines: built.uris,
          excluded: built.excluded.map((e) => ({
            name: displayName(e),
            reason: e.reason,
            ...(e.key ? { reasonKey: e.key } : {}),
            ...(e.params ? { reasonParams: e.params } : {}),
          })),
        };
      }),

    ready: () =>
      result(() => {
        services.onReady?.();
      }),

    scanScreen: () =>
      result(async () => {
        if (!services.screen || !services.links) {
          throw new KeyfobError('SCREEN_CAPTURE_DENIED', 'Scanning the screen is not available here.');
        }
        const frames = await services.screen.capture();
        const found: string[] = [];
        for (const frame of frames) found.push(...(await qr().decodeFrame(frame)));
        if (found.length > 0 && !found.some((t) => SETUP_CODE.test(t.trim()))) {
          throw new KeyfobError(
            'QR_NOT_FOUND',
            'The QR codes on your screens are not authenticator setup codes.',
            'Show the setup QR code fully on a screen (not covered by this window), then scan again.',
            { key: 'screenNotSetupCodes' },
          );
        }
        return offerFound(
          found,
          () =>
            new KeyfobError(
              'QR_NOT_FOUND',
              `No QR code was found on ${frames.length === 1 ? 'the screen' : `any of the ${frames.length} screens`}.`,
              'Show the setup QR code fully on a screen (not covered by this window), then scan again.',
              { key: 'screenNoQr', params: { screens: frames.length } },
            ),
        );
      }),

    getSettings: () =>
      result(async () =>
        services.settings
          ? { ...(await services.settings.store.get()), ...services.settings.status?.() }
          : { ...DEFAULT_SETTINGS },
      ),

    saveSettings: (change) =>
      result(async () => {
        if (!services.settings) throw new KeyfobError('IO_FAILED', 'Settings cannot be saved here.');
        // The whole map from the window could be an old copy (an account removed since): one at a time only.
        if (typeof change === 'object' && change !== null && 'accountShortcuts' in change)
          throw invalid('setting');
        return settingsView(await services.settings.store.update(change));
      }),

    setAccountShortcut: (rawId, rawAccelerator) =>
      result(async () => {
        if (!services.settings) throw new KeyfobError('IO_FAILED', 'Settings cannot be saved here.');
        const account = await vault.get(id(rawId));
        const accelerator = text(rawAccelerator, 'shortcut', 128);
        return settingsView(await services.settings.store.setAccountShortcut(account.id, accelerator));
      }),

    suspendShortcuts: (suspended) =>
      result(() => {
        if (typeof suspended !== 'boolean') throw invalid('value');
        services.shortcuts?.suspend(suspended);
      }),

    dismissPalette: () =>
      result(() => {
        services.palette?.dismissed();
      }),

    acceptLink: (rawId) =>
      result(async () => {
        const link = services.links?.take(text(rawId, 'link', 64));
        if (link === undefined) {
          throw new KeyfobError('PARAMS_INVALID', 'That link is no longer waiting.', 'Open it again.', {
            key: 'linkGone',
          });
        }
        return addTexts([{ text: link, place: { kind: 'link' } }]);
      }),

    declineLink: (rawId) =>
      result(() => {
        services.links?.discard(text(rawId, 'link', 64));
      }),

    listPools: () => result(async () => (await cognito().profiles.list()).map(poolView)),

    savePool: (rawInput, rawReplace) =>
      result(async () => {
        const input = record(rawInput, 'pool profile');
        const authFlow = input.authFlow;
        if (authFlow !== undefined && !AUTH_FLOWS.includes(authFlow as AuthFlow))
          throw invalid('sign-in flow');
        const secret = optionalText(input.clientSecret, 'client secret', 1024);
        const saved = await cognito().profiles.save(
          {
            name: text(input.name, 'profile name', 256),
            region: text(input.region, 'region', 64),
            userPoolId: text(input.userPoolId, 'user pool id', 128),
            clientId: text(input.clientId, 'app client id', 256),
            endpoint: optionalText(input.endpoint, 'endpoint'),
            authFlow: authFlow as string | undefined,
            awsProfile: optionalText(input.awsProfile, 'AWS profile', 256),
          },
          {
            replace: rawReplace === true,
            ...(secret === undefined ? {} : { clientSecret: secret === '' ? null : secret }),
          },
        );
        return poolView(saved);
      }),

    removePool: (name) =>
      result(async () => poolView(await cognito().profiles.remove(text(name, 'profile name', 256)))),

    testPool: (name) =>
      result<PoolTest>(async () => {
        const found = await (await cognito().engine()).testConnection(text(name, 'profile name', 256));
        return {
          message: found.message,
          poolId: found.poolId,
          clientId: found.clientId,
          ...(found.problem ? { problem: found.problem.forApp() } : {}),
        };
      }),

    startFlow: (rawKind, rawRequest) =>
      result(() => {
        if (rawKind !== 'enroll' && rawKind !== 'login') throw invalid('flow');
        const r = record(rawRequest, 'sign-in');
        const deviceName = optionalText(r.deviceName, 'device name', 256);
        const flowId = cognitoFlows().start(rawKind, {
          profile: text(r.profile, 'profile name', 256),
          username: text(r.username, 'user name', 256),
          password: text(r.password, 'password', 1024),
          ...(deviceName !== undefined ? { deviceName } : {}),
          ...(typeof r.prefer === 'boolean' ? { prefer: r.prefer } : {}),
          ...(r.typeVerificationCode === true ? { typeVerificationCode: true } : {}),
        });
        return { flowId };
      }),

    answerFlow: (rawId, rawAnswer) =>
      result(() => {
        const a = record(rawAnswer, 'answer');
        let answer: FlowAnswer;
        if (a.kind === 'cancel') answer = { kind: 'cancel' };
        else if (a.kind === 'code') answer = { kind: 'code', code: text(a.code, 'code', 16) };
        else if (a.kind === 'verificationCode') {
          const code = optionalText(a.code, 'code', 16);
          answer = { kind: 'verificationCode', ...(code ? { code } : {}) };
        } else if (a.kind === 'newPassword') {
          const attributes: Record<string, string> = {};
          if (a.attributes !== undefined) {
            for (const [k, v] of Object.entries(record(a.attributes, 'attributes')))
              attributes[k] = text(v, k, 2048);
          }
          answer = { kind: 'newPassword', password: text(a.password, 'password', 1024), attributes };
        } else throw invalid('answer');
        cognitoFlows().answer(text(rawId, 'flow', 64), answer);
      }),
  };
}

/**
 * Codes for every time-based account at `now`, in one pass over the keychain: what the renderer gets each
 * second. Keys never leave this function.
 */
export async function codeBatch(vault: Vault, now: number): Promise<CodeBatch> {
  const accounts = (await vault.list()).filter((a) => a.type !== 'hotp');
  const secrets = await vault.secretsFor(accounts.map((a) => a.id));
  const codes = [];
  for (const a of accounts) {
    const s = secrets.get(a.id);
    if (!s) continue;
    const t = codeAt(s.secret, s.params, now);
    codes.push({ id: a.id, code: t.code, remainingMs: t.expiresAt - now, period: a.period, next: t.next });
  }
  return { at: now, codes };
}
