import { useEffect, useState } from 'react';
import type { ErrorInfo } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import { FlowView } from './FlowView';
import { Pools } from './Pools';
import { SignInForm } from './SignInForm';

/** Amazon Cognito: the pool profiles, enrolling this app as a user's authenticator, and signing in. */
export function CognitoScreen({
  t,
  hostName,
  prefill,
}: {
  t: Strings;
  hostName: string;
  /** Resuming a pending enrollment: its pool and user. */
  prefill?: { profile: string; username: string };
}) {
  const store = useStore();
  const pools = useAppState((s) => s.pools);
  const flows = useAppState((s) => s.flows);
  const [notice, setNotice] = useState<ErrorInfo | undefined>();
  const [enrollFlow, setEnrollFlow] = useState<{
    id: string;
    request: Parameters<typeof window.keyfob.startFlow>[1];
  }>();
  const [loginFlow, setLoginFlow] = useState<string | undefined>();
  /** "Sign in now" after an enrollment: the sign-in form shows whom it signed in. */
  const [loginFor, setLoginFor] = useState<{ profile: string; username: string } | undefined>();
  const reload = async () => setNotice(await store.loadPools());
  useEffect(() => {
    void store.loadPools().then(setNotice);
    return () => store.forgetFlows();
  }, [store]);
  const enrolled = enrollFlow ? flows[enrollFlow.id] : undefined;
  const signingIn = loginFlow ? flows[loginFlow] : undefined;

  return (
    <div className="cognito">
      {notice && (
        <div className="notice error" role="alert">
          {notice.message}
          {notice.hint && <span className="hint">{notice.hint}</span>}
        </div>
      )}
      <Pools t={t} pools={pools} reload={reload} />
      <section aria-labelledby="enroll-title">
        <h2 id="enroll-title">{t.enrollTitle}</h2>
        <p className="help">{t.enrollHelp}</p>
        <SignInForm
          t={t}
          pools={pools}
          kind="enroll"
          hostName={hostName}
          prefill={prefill}
          running={enrolled !== undefined && !enrolled.done && !enrolled.error}
          onStarted={(id, request) => setEnrollFlow({ id, request })}
        />
        {enrolled && (
          <FlowView
            flow={enrolled}
            t={t}
            kind="enroll"
            onNewPassword={(password) =>
              setEnrollFlow((f) => (f ? { ...f, request: { ...f.request, password } } : f))
            }
            onAgain={async () => {
              const { profile, username, password } = enrollFlow!.request;
              const r = await window.keyfob.startFlow('login', { profile, username, password });
              if (!r.ok) return;
              setLoginFor({ profile, username });
              setLoginFlow(r.value.flowId);
              // The sign-in's steps and tokens appear in the section below: bring it into view.
              requestAnimationFrame(() =>
                document.getElementById('signin-title')?.scrollIntoView({ block: 'start' }),
              );
            }}
          />
        )}
      </section>
      <section aria-labelledby="signin-title">
        <h2 id="signin-title">{t.signInTitle}</h2>
        <p className="help">{t.signInHelp}</p>
        <SignInForm
          key={loginFor ? `${loginFor.profile}/${loginFor.username}` : 'login'}
          t={t}
          pools={pools}
          kind="login"
          hostName={hostName}
          prefill={loginFor}
          running={signingIn !== undefined && !signingIn.done && !signingIn.error}
          onStarted={(id) => setLoginFlow(id)}
        />
        {loginFlow && flows[loginFlow] && <FlowView flow={flows[loginFlow]!} t={t} kind="login" />}
      </section>
    </div>
  );
}
