import { useEffect, useRef, useState } from 'react';
import type { AccountView } from '../../preload/api';

/**
 * The window's one list of accounts: asked for once, then kept by main's `accounts:changed` pushes, which
 * report every change wherever it was made (this window, the CLI, a Cognito enrollment). Views re-render from
 * it; nothing asks for the list again after an action. `load` asks main for the list (and reports a failure);
 * the setter is for a change shown before main confirms it (a reorder).
 */
export function useAccounts(
  load: () => Promise<AccountView[] | undefined>,
): [AccountView[] | undefined, (accounts: AccountView[]) => void] {
  const [accounts, setAccounts] = useState<AccountView[] | undefined>();
  // Asked once per window: the pushes keep the list from then on.
  const firstLoad = useRef(load);
  useEffect(() => {
    let live = true;
    let pushed = false;
    const off = window.keyfob.onAccountsChanged((list) => {
      pushed = true;
      setAccounts(list);
    });
    void firstLoad.current().then((list) => {
      // A push that came meanwhile is newer than this answer.
      if (live && !pushed && list) setAccounts(list);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  return [accounts, setAccounts];
}
