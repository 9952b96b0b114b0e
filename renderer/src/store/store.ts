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
import { followFlows, type FlowState } from './flows';

/**
 * What the window tells the person, kept as catalogue keys (phrases) or as the ErrorInfo itself, never as text:
 * it is worded when shown, so it follows a change of language.
 */
export type Notice =
  | { kind: 'ok' | 'error'; phrases: readonly Phrase[]; hint?: Phrase | undefined }
  | { kind: 'error'; error: ErrorInfo };

/**
 * A notice shown as a toast, over the window so that it never moves the layout. An ok toast goes after
 * `timeoutMs` (held while the pointer or the keyboard is on it); an error stays until dismissed.
 */
export interface Toast {
  id: number;
  notice: Notice;
  timeoutMs: number | undefined;
  /** The account whose removal this toast can undo. */
  undo?: string;
  /** The account whose code this toast says was copied: its row shows a tick for as long. */
  copied?: string;
}

/** How long a toast stays: a copy's is short, as the issue asks (2–3 s); other good news a little longer. */
export const COPY_TOAST_MS = 2500;
export const OK_TOAST_MS = 4000;

export type Screen = 'accounts' | 'add' | 'cognito' | 'settings';

export type SettingsChange = Parameters<KeyfobApi['saveSettings']>[0];

export interface AppState {
  screen: Screen;
  lang: Lang;
  /** Undefined until main has answered: the list is not shown empty before it is known to be. */
  accounts: AccountView[] | undefined;
  settings: SettingsView | undefined;
  /** What the window tells the person, newest last (ui/Toast.tsx). */
  toasts: readonly Toast[];
  /** The accounts list's search. */
  search: string;
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
  /**
   * Asked of the accounts list by those who cannot reach its rows (the list is virtualised, so a row may not be
   * in the page): copy the first account shown, or bring an account (the first when no id) into view and give it
   * the focus. `n` tells one request from the next.
   */
  listRequest: { kind: 'copyFirst' } | { kind: 'focus'; id?: string } | undefined;
  listRequestN: number;
}

/** A toast's time: running (`handle`, since `since`) or held, with `left` ms to go. */
interface ToastTimer {
  handle: ReturnType<typeof setTimeout> | undefined;
  left: number;
  since: number;
  /** Held while the person is on the toasts (not an Undo, whose time is main's). */
  holdable: boolean;
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
  private nextToast = 1;
  /** The toasts' timers, by toast id. */
  private readonly toastTimers = new Map<number, ToastTimer>();
  private toastsHeld = false;
  private highlightTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly forgottenFlows = new Set<string>();

  constructor(
    private readonly api: KeyfobApi,
    /** The system's languages, which Settings' "follow the system" goes back to. */
    private readonly systemLanguages: readonly string[],
  ) {
    this.state = {
      screen: 'accounts',
      lang: pickLanguage(systemLanguages),
      accounts: undefined,
      settings: undefined,
      toasts: [],
      search: '',
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
      listRequest: undefined,
      listRequestN: 0,
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
      api.onFlow((e) => this.update((s) => ({ flows: followFlows(s.flows, e, this.forgottenFlows) }))),
    ];
    void this.call(api.listAccounts()).then((accounts) => {
      // A push that came meanwhile is newer than this answer.
      if (!pushed && accounts) this.update({ accounts });
    });
    void api.getSettings().then((r) => {
      if (!r.ok) return;
      this.update({ settings: r.value, lang: this.languageOf(r.value) });
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

  /**
   * Shows a notice as a toast (kept as phrases or an ErrorInfo, worded when shown, so it follows the language).
   * Returns the toast's id.
   */
  notify(notice: Notice, options: { timeoutMs?: number; undo?: string; copied?: string } = {}): number {
    const id = this.nextToast++;
    const timeoutMs = options.timeoutMs ?? (notice.kind === 'ok' ? OK_TOAST_MS : undefined);
    const toast: Toast = {
      id,
      notice,
      timeoutMs,
      ...(options.undo ? { undo: options.undo } : {}),
      ...(options.copied ? { copied: options.copied } : {}),
    };
    // A new copy replaces the last one's toast and tick: two quick copies leave one toast, naming the second.
    const replaced = options.copied ? this.state.toasts.filter((t) => t.copied) : [];
    for (const t of replaced) this.clearTimer(t.id);
    this.update((s) => ({ toasts: [...s.toasts.filter((t) => !replaced.includes(t)), toast] }));
    if (timeoutMs !== undefined) this.startTimer(id, timeoutMs, !options.undo);
    return id;
  }

  dismiss(id: number): void {
    this.clearTimer(id);
    if (this.state.toasts.some((t) => t.id === id))
      this.update((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
  }

  /**
   * While the pointer or the keyboard is on the toasts, ok toasts wait (a person reading or reaching for one is
   * not hurried away); they resume with the time they had left. An Undo keeps its time: main's is running.
   */
  holdToasts(held: boolean): void {
    if (held === this.toastsHeld) return;
    this.toastsHeld = held;
    for (const [id, timer] of this.toastTimers) {
      if (!timer.holdable) continue;
      if (held) this.pauseTimer(timer);
      else this.runTimer(id, timer);
    }
  }

  private startTimer(id: number, ms: number, holdable: boolean): void {
    this.clearTimer(id);
    const timer: ToastTimer = { handle: undefined, left: ms, since: 0, holdable };
    this.toastTimers.set(id, timer);
    if (!(holdable && this.toastsHeld)) this.runTimer(id, timer);
  }

  private runTimer(id: number, timer: ToastTimer): void {
    if (timer.handle !== undefined) return;
    timer.since = Date.now();
    timer.handle = setTimeout(() => this.dismiss(id), timer.left);
  }

  private pauseTimer(timer: ToastTimer): void {
    if (timer.handle === undefined) return;
    clearTimeout(timer.handle);
    timer.handle = undefined;
    // At least a second more once the hold ends, to see it go.
    timer.left = Math.max(1000, timer.left - (Date.now() - timer.since));
  }

  private clearTimer(id: number): void {
    const timer = this.toastTimers.get(id);
    if (timer?.handle !== undefined) clearTimeout(timer.handle);
    this.toastTimers.delete(id);
  }

  setSearch(search: string): void {
    this.update({ search });
  }

  go(screen: Screen): void {
    // Back to the list: the last import's result has been seen.
    this.update(screen === 'accounts' ? { screen, report: undefined } : { screen });
  }

  async saveSettings(change: SettingsChange): Promise<SettingsView | undefined> {
    // Shown at once; what main saved (or the old values, if it refused) replaces it when it answers.
    const before = this.state.settings;
    if (before) {
      const { language, ...rest } = change;
      const next: SettingsView = { ...before, ...rest };
      if (language === null) delete next.language;
      else if (language !== undefined) next.language = language;
      this.update({ settings: next, lang: this.languageOf(next) });
    }
    const saved = await this.call(this.api.saveSettings(change));
    const settings = saved ?? before;
    this.update(settings ? { settings, lang: this.languageOf(settings) } : { settings });
    return saved;
  }

  /** The window's language for these settings: the one chosen, else the system's. */
  private languageOf(settings: SettingsView): Lang {
    return pickLanguage(settings.language ? [settings.language] : this.systemLanguages);
  }

  async loadPools(): Promise<ErrorInfo | undefined> {
    const r = await this.api.listPools();
    if (!r.ok) return r.error;
    this.update({ pools: r.value });
    return undefined;
  }

  /** Asks the accounts list for what only it can do (AppState.listRequest). */
  askList(request: NonNullable<AppState['listRequest']>): void {
    this.update((s) => ({ listRequest: request, listRequestN: s.listRequestN + 1 }));
  }

  /**
   * Accounts just added stand out for a few seconds (long enough to find them in a long list, short enough not
   * to stay a decoration); a later addition starts the time again.
   */
  highlightFor(ids: string[], ms: number): void {
    if (this.highlightTimer !== undefined) clearTimeout(this.highlightTimer);
    this.update({ highlight: ids });
    this.highlightTimer = setTimeout(() => {
      this.highlightTimer = undefined;
      this.update({ highlight: [] });
    }, ms);
  }

  /**
   * Leaving the Cognito screen ends its view of the flows, and with it the key a flow may have shown. `also`:
   * flows started whose first step has not arrived yet. A forgotten flow's late events (a cancel's error) are
   * dropped, or they would bring it back.
   */
  forgetFlows(also: readonly string[] = []): void {
    for (const id of [...Object.keys(this.state.flows), ...also]) this.forgottenFlows.add(id);
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
