import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './api/getApi';
import { App } from './components/App';
import { startTheme } from './components/theme/useTheme';
import { StreamClient } from './state/streamClient';
import { windowScope } from './state/windowScope';
// The stylesheets by area, in this order: a later rule wins a tie, so reordering them can change the look.
import './styles/base.css';
import './styles/layout.css';
import './styles/catalog.css';
import './styles/editor.css';
import './styles/grid.css';
import './styles/history.css';
import './styles/menus-dialogs.css';
import './styles/result-view.css';
import './styles/panels.css';
import './styles/instant-preview.css';
import './styles/time.css';
import './styles/chart-pivot.css';
import './styles/session-import.css';

startTheme();
const api = getApi();
// A window opened on one session (`?session=<id>`) subscribes only to it and the catalog.
const stream = new StreamClient(api, windowScope(window.location.search).patterns);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} stream={stream} />
  </StrictMode>,
);
