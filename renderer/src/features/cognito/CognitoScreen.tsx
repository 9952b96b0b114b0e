import { useEffect, useState } from 'react';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import type { ErrorInfo } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import { ErrorBox } from '../../ui/ErrorBox';
import { FlowStepper } from './FlowStepper';
import { Pools } from './Pools';
import './cognito.css';

/**
 * Amazon Cognito: the pool profiles, then one task at a time as a stepper: enrolling this app as a user's
 * authenticator, or signing in to see the tokens.
 */
export function CognitoScreen({
  t,
  hostName,
  prefill,
}: {
  t: Strings;
  hostName: string;
  /** Resuming a pending enrollment: its pool and user, taken into the form once (the store forgets them). */
  prefill?: { profile: string; username: string };
}) {
  const store = useStore();
  const pools = useAppState((s) => s.pools);
  const [notice, setNotice] = useState<ErrorInfo | undefined>();
  const [adding, setAdding] = useState(false);
  const [task, setTask] = useState<'enroll' | 'login'>('enroll');
  const reload = async () => setNotice(await store.loadPools());
  useEffect(() => {
    void store.loadPools().then(setNotice);
    return () => store.forgetFlows();
  }, [store]);
  useEffect(() => {
    if (!prefill) return;
    setTask('enroll');
    // Used once: the form has it now, and a later visit to this screen must not fill in that pool and user again.
    store.update({ resume: undefined });
  }, [prefill, store]);
  const addPool = () => {
    setAdding(true);
    requestAnimationFrame(() => document.getElementById('pools-title')?.scrollIntoView({ block: 'start' }));
  };

  return (
    <div className="cognito">
      {notice && <ErrorBox error={notice} t={t} />}
      <Pools t={t} pools={pools} reload={reload} adding={adding} setAdding={setAdding} />
      <Tabs
        className="cognito-tasks"
        selectedKey={task}
        onSelectionChange={(key) => setTask(key === 'login' ? 'login' : 'enroll')}
      >
        <TabList aria-label={t.cognitoTasks} className="task-tabs">
          <Tab id="enroll" className="task-tab">
            {t.enrollTab}
          </Tab>
          <Tab id="login" className="task-tab">
            {t.signInTitle}
          </Tab>
        </TabList>
        {/* Both kept mounted: switching to look at the other task keeps what this one typed and where it is. */}
        <TabPanel id="enroll" shouldForceMount className="task-panel">
          <FlowStepper
            t={t}
            kind="enroll"
            pools={pools}
            hostName={hostName}
            prefill={prefill}
            onAddPool={addPool}
          />
        </TabPanel>
        <TabPanel id="login" shouldForceMount className="task-panel">
          <FlowStepper t={t} kind="login" pools={pools} hostName={hostName} onAddPool={addPool} />
        </TabPanel>
      </Tabs>
    </div>
  );
}
