/** Electron IPC channel names. Dependency-free: the sandboxed preload imports it. */
export const IPC_REQUEST = 'sextant:request';
export const IPC_FRAMES = 'sextant:frames';
