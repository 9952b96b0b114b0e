import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { AccountView, KeyfobApi } from '../../preload/api';

declare global {
  interface Window {
    keyfob: KeyfobApi;
  }
}

// The authenticator UI arrives with the desktop-app issue; this shell proves the build and the bridge.
function App() {
  const [accounts, setAccounts] = useState<AccountView[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    void window.keyfob.listAccounts().then((r) => (r.ok ? setAccounts(r.value) : setError(r.error.message)));
  }, []);
  return (
    <main>
      <h1>Keyfob</h1>
      {error && <p role="alert">{error}</p>}
      {accounts && <p>{accounts.length === 1 ? '1 account' : `${accounts.length} accounts`}</p>}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
