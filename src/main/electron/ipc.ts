import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { appError, fail } from '../../shared/contracts/errors';
import type { Frame } from '../../shared/contracts/frames';
import { IPC_FRAMES, IPC_REQUEST } from '../../shared/contracts/ipcChannels';
import type { AppCore } from '../core/appCore';
import type { ClientConnection } from '../core/clientConnection';
import { newErrorId } from '../platform/ids';
import { isAppUrl } from './appUrls';

/**
 * The Electron side of the one transport interface: one ClientConnection per renderer, every
 * request checked for its sender frame and then validated by the connection like any other.
 */
export function registerIpc(core: AppCore): void {
  const connections = new Map<number, ClientConnection>();
  const connectionFor = (contents: WebContents): ClientConnection => {
    let connection = connections.get(contents.id);
    if (!connection) {
      connection = core.connect({
        send: (frames: readonly Frame[]) => {
          if (!contents.isDestroyed()) contents.send(IPC_FRAMES, frames);
        },
        backlog: () => 0,
      });
      connections.set(contents.id, connection);
      const drop = () => {
        connections.get(contents.id)?.close();
        connections.delete(contents.id);
      };
      contents.once('destroyed', drop);
      // A reload starts a new renderer: its old subscriptions must not keep streaming.
      contents.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) drop();
      });
    }
    return connection;
  };

  ipcMain.handle(IPC_REQUEST, (event: IpcMainInvokeEvent, body: unknown) => {
    if (!event.senderFrame || !isAppUrl(event.senderFrame.url)) {
      return fail(appError(newErrorId(), 'UNAUTHORIZED', 'IPC from a frame that is not Sextant was refused.'));
    }
    return connectionFor(event.sender).handle(body, JSON.stringify(body ?? null).length);
  });
}
