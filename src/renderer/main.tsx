import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ALL_SESSIONS_PATTERN, CATALOG_TOPIC } from '../shared/contracts/topics';
import { getApi } from './api/getApi';
import { App } from './components/App';
import { StreamClient } from './state/streamClient';
import './styles.css';

const api = getApi();
const stream = new StreamClient(api, [ALL_SESSIONS_PATTERN, CATALOG_TOPIC]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={api} stream={stream} />
  </StrictMode>,
);
