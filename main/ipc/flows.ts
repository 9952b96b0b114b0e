import type { FlowAnswer, FlowEvent, FlowProgress, TokenCopied } from '../../preload/api';
import * as schema from '../../preload/schemas';
import type { Progress } from '../cognito/engine';
import { CognitoFlows, type FlowEvent as EngineFlowEvent } from '../cognito/flows';
import { KeyfobError } from '../errors';
import { displayName } from '../otp/types';
import { accountView } from './accounts';
import type { Handlers, IpcContext } from './context';
import { check, result } from './result';
import { cognitoOf } from './pools';

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
      return { type: 'secretStored', accountId: p.account.id };
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

/**
 * Cognito enrollments and sign-ins: started here, their steps pushed to the window (onFlow); and their tokens
 * copied through main's clipboard, which takes them off again.
 */
export function flowHandlers(ctx: IpcContext): Pick<Handlers, 'startFlow' | 'answerFlow' | 'copyToken'> {
  let flows: CognitoFlows | undefined;
  const cognitoFlows = () => {
    const c = cognitoOf(ctx);
    flows ??= new CognitoFlows(c.engine, (e) => {
      const view = flowEventView(e);
      if (view) c.emitFlow(view);
    });
    return flows;
  };
  return {
    startFlow: (rawKind, rawRequest) =>
      result(() => {
        const kind = check(schema.flowKind, rawKind, 'flow');
        const r = check(schema.flowRequest, rawRequest, 'sign-in');
        const flowId = cognitoFlows().start(kind, {
          profile: r.profile,
          username: r.username,
          password: r.password,
          ...(r.deviceName !== undefined ? { deviceName: r.deviceName } : {}),
          ...(r.prefer !== undefined ? { prefer: r.prefer } : {}),
          ...(r.typeVerificationCode === true ? { typeVerificationCode: true } : {}),
        });
        return { flowId };
      }),

    answerFlow: (rawId, rawAnswer) =>
      result(() => {
        const a = check(schema.flowAnswer, rawAnswer, 'answer');
        const answer: FlowAnswer =
          a.kind === 'verificationCode'
            ? { kind: 'verificationCode', ...(a.code ? { code: a.code } : {}) }
            : a.kind === 'newPassword'
              ? { kind: 'newPassword', password: a.password, attributes: { ...a.attributes } }
              : a;
        cognitoFlows().answer(check(schema.flowId, rawId, 'flow'), answer);
      }),

    copyToken: (rawToken) =>
      result<TokenCopied>(async () => {
        const token = check(schema.token, rawToken, 'token');
        const refused = () => new KeyfobError('IO_FAILED', 'clipboardRefused');
        if (!ctx.clipboard) throw refused();
        // No expiry to wait for (a token outlives any paste by far): the clipboard clears it after its timeout.
        if ((await ctx.clipboard.copy(token, Number.POSITIVE_INFINITY)) === false) throw refused();
        const settings = await ctx.settings?.store.get().catch(() => undefined);
        return settings ? { clearsInSeconds: settings.clipboardTimeoutSeconds } : {};
      }),
  };
}
