/**
 * Electron IPC channel names. Dependency-free: the sandboxed preload imports it.
 * One channel each way carries the same JSON messages as the WebSocket (see protocol.ts).
 */
export const IPC_TO_MAIN = 'sextant:to-main';
export const IPC_TO_RENDERER = 'sextant:to-renderer';
