/**
 * The main-process end of one renderer's connection, whatever carries it (a WebSocket, Electron
 * IPC, an in-memory pair in tests). Both directions carry JSON text of the protocol's messages.
 */
export interface ServerChannel {
  send(text: string): void;
  /** Bytes accepted but not yet on the wire (a socket's bufferedAmount); 0 when the transport cannot tell. */
  backlogBytes(): number;
  /** Raw, unvalidated text from the renderer; undefined for anything that is not text (a binary frame). */
  onMessage(listener: (text: string | undefined) => void): void;
  /** Called once the connection is gone; may be called more than once. */
  onClose(listener: () => void): void;
}
