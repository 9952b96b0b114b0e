import type { ErrorInfo, FlowAnswer, FlowPrompt, FlowRequest } from '../../preload/api';
import { randomUUID } from 'node:crypto';
import { englishError } from '../../locales/english';
import { KeyfobError, isKeyfobError } from '../errors';
import type { Account } from '../vault/vault';
import type { CognitoEngine, Progress, Prompts } from './engine';
import type { SignInState, Tokens } from './signin';

// What a person is asked during a flow and how they answer are the renderer's contract too: one definition.
export type { FlowAnswer, FlowPrompt, FlowRequest };

export interface FlowTokens extends Tokens {
  /** The ID and access tokens' claims, decoded (not verified: they came straight from Cognito over TLS). */
  idClaims: Record<string, unknown>;
  accessClaims: Record<string, unknown>;
  /** When the tokens expire, epoch ms. */
  expiresAt: number;
}

/**
 * An error as it crosses to a user interface, as the renderer's contract defines it: a Keyfob error's fields
 * (with its translation key), or an opaque internal one.
 */
export type FlowError = ErrorInfo;

export type FlowEvent =
  | { flowId: string; type: 'progress'; progress: Progress }
  | { flowId: string; type: 'prompt'; prompt: FlowPrompt }
  | { flowId: string; type: 'done'; account?: Account; tokens: FlowTokens; username: string }
  | { flowId: string; type: 'error'; error: FlowError };

export function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) return {};
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

const CANCELLED = () => new KeyfobError('INPUT_NEEDED', 'cognitoCancelled');

/**
 * How long a flow waits for an answer. A window that went away without answering (its page reloaded, or a bug)
 * would otherwise leave the flow waiting, with the password it signed in with, for as long as the app runs.
 */
export const ANSWER_WITHIN_MS = 10 * 60_000;

/** Runs `run` after `ms`; returns what cancels it. Tests pass one they run by hand. */
export type Schedule = (run: () => void, ms: number) => () => void;

const timeout: Schedule = (run, ms) => {
  const handle = setTimeout(run, ms);
  // A flow waiting for an answer must not keep a test's process (or the preview) alive; the app lives on.
  handle.unref?.();
  return () => clearTimeout(handle);
};

export interface FlowOptions {
  now?: () => number;
  schedule?: Schedule;
  /** ANSWER_WITHIN_MS unless a test says otherwise. */
  answerWithinMs?: number;
}

/**
 * Runs enrollments and sign-ins for a user interface that answers prompts asynchronously: the engine's prompt
 * callbacks become events, and the flow waits until `answer` is called, or gives up after `answerWithinMs`.
 * One flow per id; answers to a flow that is not waiting are refused, except a cancel for a flow still under
 * way, which stops it at its next question.
 */
export class CognitoFlows {
  private readonly waiting = new Map<
    string,
    { kind: FlowPrompt['kind']; resolve: (a: FlowAnswer) => void; stopTimer: () => void }
  >();
  /** Flows started and not yet ended. */
  private readonly running = new Set<string>();
  /** Flows cancelled while busy with Cognito: they stop at their next question. */
  private readonly stopping = new Set<string>();
  private readonly now: () => number;
  private readonly schedule: Schedule;
  private readonly answerWithinMs: number;

  constructor(
    private readonly engine: () => Promise<CognitoEngine> | CognitoEngine,
    private readonly emit: (event: FlowEvent) => void,
    options: FlowOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? timeout;
    this.answerWithinMs = options.answerWithinMs ?? ANSWER_WITHIN_MS;
  }

  start(kind: 'enroll' | 'login', request: FlowRequest): string {
    const flowId = randomUUID();
    this.running.add(flowId);
    void this.run(flowId, kind, request);
    return flowId;
  }

  answer(flowId: string, answer: FlowAnswer): void {
    const waiting = this.waiting.get(flowId);
    if (!waiting && answer.kind === 'cancel' && this.running.has(flowId)) {
      // Signing in, or waiting for the next code: a call to Cognito is not cut short, but nothing more is asked.
      this.stopping.add(flowId);
      return;
    }
    if (!waiting || (answer.kind !== 'cancel' && answer.kind !== waiting.kind)) {
      throw new KeyfobError('PARAMS_INVALID', 'cognitoNotWaiting');
    }
    this.waiting.delete(flowId);
    waiting.stopTimer();
    waiting.resolve(answer);
  }

  private ask(flowId: string, prompt: FlowPrompt): Promise<FlowAnswer> {
    if (this.stopping.has(flowId)) return Promise.resolve({ kind: 'cancel' });
    return new Promise((resolve, reject) => {
      const entry = { kind: prompt.kind, resolve, stopTimer: () => undefined as void };
      entry.stopTimer = this.schedule(() => {
        if (this.waiting.get(flowId) !== entry) return;
        this.waiting.delete(flowId);
        // The flow ends with this error, and what it held (the request, its password, the session) goes with it.
        reject(
          new KeyfobError('INPUT_NEEDED', 'cognitoAnswerTimedOut', {
            minutes: Math.round(this.answerWithinMs / 60_000),
          }),
        );
      }, this.answerWithinMs);
      this.waiting.set(flowId, entry);
      this.emit({ flowId, type: 'prompt', prompt });
    });
  }

  private async run(flowId: string, kind: 'enroll' | 'login', request: FlowRequest): Promise<void> {
    const prompts: Prompts = {
      newPassword: async (state: Extract<SignInState, { kind: 'newPasswordRequired' }>) => {
        const a = await this.ask(flowId, {
          kind: 'newPassword',
          username: state.username,
          requiredAttributes: state.requiredAttributes,
        });
        if (a.kind !== 'newPassword') throw CANCELLED();
        return { password: a.password, ...(a.attributes ? { attributes: a.attributes } : {}) };
      },
      code: async (state) => {
        const a = await this.ask(flowId, {
          kind: 'code',
          via: state.kind === 'smsMfa' ? 'sms' : 'email',
          ...(state.destination ? { destination: state.destination } : {}),
        });
        if (a.kind !== 'code') throw CANCELLED();
        return a.code;
      },
      ...(request.typeVerificationCode
        ? {
            verificationCode: async (account: Account) => {
              const a = await this.ask(flowId, { kind: 'verificationCode', accountId: account.id });
              if (a.kind !== 'verificationCode') throw CANCELLED();
              return a.code;
            },
          }
        : {}),
    };
    try {
      const engine = await this.engine();
      const base = {
        profile: request.profile,
        username: request.username,
        password: request.password,
        prompts,
        onProgress: (progress: Progress) => this.emit({ flowId, type: 'progress', progress }),
      };
      const outcome =
        kind === 'enroll'
          ? await engine.enroll({
              ...base,
              ...(request.deviceName !== undefined ? { deviceName: request.deviceName } : {}),
              ...(request.prefer !== undefined ? { prefer: request.prefer } : {}),
            })
          : await engine.login(base);
      const tokens = outcome.tokens;
      const accessClaims = decodeClaims(tokens.accessToken);
      const exp = typeof accessClaims.exp === 'number' ? accessClaims.exp * 1000 : undefined;
      this.emit({
        flowId,
        type: 'done',
        ...('account' in outcome ? { account: outcome.account } : {}),
        username: 'username' in outcome ? outcome.username : request.username,
        tokens: {
          ...tokens,
          idClaims: decodeClaims(tokens.idToken),
          accessClaims,
          expiresAt: exp ?? this.now() + tokens.expiresIn * 1000,
        },
      });
    } catch (error) {
      this.emit({
        flowId,
        type: 'error',
        error: isKeyfobError(error)
          ? error.forApp()
          : // Not one of ours, so nothing of it is fit to show: the catalogue's words, and the key for the window.
            { code: 'INTERNAL', ...englishError('cognitoFlowFailed'), key: 'cognitoFlowFailed' },
      });
    } finally {
      this.waiting.get(flowId)?.stopTimer();
      this.waiting.delete(flowId);
      this.running.delete(flowId);
      this.stopping.delete(flowId);
    }
  }
}
