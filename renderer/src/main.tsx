import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { StoreContext } from './store/react';
import { Store } from './store/store';
import './styles.css';

// Started outside React, so that strict mode's second run of effects does not subscribe twice or say
// "ready" twice.
const store = new Store(window.keyfob, navigator.languages);
store.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <App />
    </StoreContext.Provider>
  </StrictMode>,
);
