import type {
  AccountView,
  ErrorInfo,
  ImportReport,
  KeyfobApi,
  LinkSummary,
  PoolView,
  Result,
  SettingsView,
  StartupReport,
} from '../../../preload/api';
import { pickLanguage, type Lang } from '../i18n';
import type { Phrase } from '../i18n/words';
import { CodeStore } from './codes';
import { nextFlow, type FlowState } from './flows';

/**
 * What the window tells the person, kept as catalogue keys (phrases) or as the ErrorInfo itself, never as text:
 * it is worded when shown, so it follows a change of language.
 */
export type Notice =
  | { kind: 'ok' | 'error'; phrases: readonly Phrase[]; hint?: Phrase | undefined }
  | { kind: 'error'; error: ErrorInfo };

export type Screen = 'accounts' | 'add' | 'cognito' | 'settings';

export type SettingsChange = Parameters<KeyfobApi['saveSettings']>[0];

export interface AppState {
  screen: Screen;
  lang: Lang;
  /** Undefined until main has answered: the list is not shown empty before it is known to be. */
  accounts: AccountView[] | undefined;
  settings: SettingsView | undefined;
  notice: Notice | undefined;
  /** The last import's or addition's result, shown on the add screen. */
  report: ImportReport | undefined;
  /** Accounts just added: their rows stand out for a few seconds after the window goes back to the list. */
  highlight: string[];
  /** Links and QR codes handed to the app, waiting for the person's word. */
  links: LinkSummary[];
  /** Keys in the keychain with no account, found at start, offered one by one. */
  orphans: StartupReport['orphans'];
  flows: Readonly<Record<string, FlowState>>;
  pools: PoolView[];
  hostName: string;
  mac: boolean;
  /** Counter-based codes made on request: shown until the window closes, never pushed. */
  hotp: ReadonlyMap<string, string>;
  palette: boolean;
  /** Resuming a pending enrollment: its pool and user. */
  resume: { profile: string; username: string } | undefined;
}

export function errorNotice(error: ErrorInfo): Notice {
  return { kind: 'error', error };
}

/**
 * The window's one store. Main's pushes feed it (`accounts:changed`, code batches, Cognito flows, pending links,
 * the quick-search shortcut), as do the answers to the requests views make; views read it through
 * useAppState (./react.ts) and re-render when the part they read changes. Codes live in their own CodeStore,
 * so that a tick reaches only the rows whose code changed.
 */
export class Store {
  readonly codes = new CodeStore();
  private state: AppState;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly api: KeyfobApi,
    languages: readonly string[],
  ) {
    this.state = {
      screen: 'accounts',
      lang: pickLanguage(languages),
      accounts: undefined,
      settings: undefined,
      notice: undefined,
      report: undefined,
      highlight: [],
      links: [],
      orphans: [],
      flows: {},
      pools: [],
      hostName: '',
      mac: false,
      hotp: new Map(),
      palette: false,
      resume: undefined,
    };
  }

  readonly get = (): AppState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(change: Partial<AppState> | ((s: AppState) => Partial<AppState>)): void {
    const patch = typeof change === 'function' ? change(this.state) : change;
    this.state = { ...this.state, ...patch };
    this.listeners.forEach((l) => l());
  }

  /**
   * Listens to every push, asks for what is not pushed (the list once, settings, the host), then tells main
   * the page is ready, so that nothing main holds for it is sent before someone listens. Returns the stop.
   */
  start(): () => void {
    const { api } = this;
    let pushed = false;
    const offs = [
      api.onAccountsChanged((accounts) => {
        pushed = true;
        this.update({ accounts });
      }),
      api.onCodes((batch) => this.codes.update(batch)),
      // Main pushes the links it just queued (all of them after a reload): several images read one after the
      // other each add theirs to those already waiting.
      api.onLinks((links) =>
        this.update((s) => ({
          links: [...s.links.filter((l) => !links.some((n) => n.id === l.id)), ...links],
        })),
      ),
      api.onFocusSearch(() => this.update({ palette: true })),
      api.onFlow((e) =>
        this.update((s) => ({ flows: { ...s.flows, [e.flowId]: nextFlow(s.flows[e.flowId], e) } })),
      ),
    ];
    void this.call(api.listAccounts()).then((accounts) => {
      // A push that came meanwhile is newer than this answer.
      if (!pushed && accounts) this.update({ accounts });
    });
    void api.getSettings().then((r) => {
      if (!r.ok) return;
      this.update({
        settings: r.value,
        ...(r.value.language ? { lang: pickLanguage([r.value.language]) } : {}),
      });
    });
    void api.appInfo().then((r) => {
      if (r.ok) this.update({ hostName: r.value.hostName, mac: r.value.platform === 'darwin' });
    });
    void api.ready();
    return () => offs.forEach((off) => off());
  }

  /** A request's value, or undefined with its error shown; a "no" to main's own question says nothing. */
  async call<T>(promise: Promise<Result<T>>): Promise<T | undefined> {
    const r = await promise;
    if (r.ok) return r.value;
    if (r.error.code !== 'CANCELLED') this.notify(errorNotice(r.error));
    return undefined;
  }

  notify(notice: Notice | undefined): void {
    this.update({ notice });
  }

  go(screen: Screen): void {
    // Back to the list: the last import's result has been seen.
    this.update(screen === 'accounts' ? { screen, report: undefined } : { screen });
  }

  showReport(report: ImportReport): void {
    this.update({ report, screen: 'add' });
  }

  async saveSettings(change: SettingsChange): Promise<SettingsView | undefined> {
    // Shown at once; what main saved (or the old values, if it refused) replaces it when it answers.
    const before = this.state.settings;
    if (before) {
      const { language, ...rest } = change;
      const next: SettingsView = { ...before, ...rest };
      if (language === null) delete next.language;
      else if (language !== undefined) next.language = language;
      this.update({ settings: next });
    }
    const saved = await this.call(this.api.saveSettings(change));
    this.update({ settings: saved ?? before });
    return saved;
  }

  async reloadSettings(): Promise<void> {
    const r = await this.api.getSettings();
    if (r.ok) this.update({ settings: r.value });
  }

  async loadPools(): Promise<ErrorInfo | undefined> {
    const r = await this.api.listPools();
    if (!r.ok) return r.error;
    this.update({ pools: r.value });
    return undefined;
  }

  /** Leaving the Cognito screen ends its view of the flows, and with it the key a flow may have shown. */
  forgetFlows(): void {
    this.update({ flows: {} });
  }
}

/** A request's value, or undefined with its error handed to the view that shows it beside its form. */
export async function unwrap<T>(
  p: Promise<Result<T>>,
  onError: (e: ErrorInfo) => void,
): Promise<T | undefined> {
  const r = await p;
  if (r.ok) return r.value;
  onError(r.error);
  return undefined;
}
