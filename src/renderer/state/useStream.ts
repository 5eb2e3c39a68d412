import { useSyncExternalStore } from 'react';
import type { StreamClient, StreamState } from './streamClient';

export const useStream = (client: StreamClient): StreamState => useSyncExternalStore(client.subscribeToState, client.getState);
