import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { DiscreetProvider } from './app/discreet';
import { SessionProvider } from './app/session';
import './app/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DiscreetProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </DiscreetProvider>
  </StrictMode>,
);

// The service worker (offline shell, unsent writes, notifications) after the first load, in its own small chunk.
window.addEventListener('load', () => {
  void import('./app/pwa').then((m) => m.registerServiceWorker()).catch(() => undefined);
});
