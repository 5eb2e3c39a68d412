import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api/getApi';
import { App } from './components/App';
import { startTheme } from './components/theme/useTheme';
import { StreamClient } from './state/streamClient';
import { windowScope } from './state/windowScope';
import './styles.css';

startTheme();
const api = getApi();
// A window opened on one session (`?session=<id>`) subscribes only to it and the catalog.
const stream = new StreamClient(api, windowScope(window.location.search).patterns);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} stream={stream} />
  </StrictMode>,
);
