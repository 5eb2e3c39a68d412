import type { WebContents, WebContentsDidStartNavigationEventParams, WebFrameMain } from 'electron';
import { IPC_TO_MAIN, IPC_TO_RENDERER } from '../../shared/contracts/ipcChannels';
import type { Logger } from '../platform/logger';
import { isTrustedSender, type AppOrigins } from '../security/appOrigin';
import type { ServerChannel } from '../transports/serverChannel';
import type { HostCapabilities } from '../core/clientConnection';
import type { ConnectionScope } from '../core/connectionScope';

/**
 * The parts of Electron's ipcMain, WebContents and WebFrameMain this file touches, as Electron types
 * them: the real objects fit, and a test stands in for them without the Electron binary.
 */
export interface IpcContents extends Pick<WebContents, 'id' | 'send' | 'isDestroyed'> {
  once(event: 'destroyed', listener: () => void): unknown;
  on(event: 'did-start-navigation', listener: (details: Pick<WebContentsDidStartNavigationEventParams, 'isMainFrame' | 'isSameDocument'>) => void): unknown;
}
export interface IpcEvent {
  readonly sender: IpcContents;
  readonly senderFrame: Pick<WebFrameMain, 'url' | 'parent'> | null;
}
export interface IpcMainLike {
  on(channel: string, listener: (event: IpcEvent, ...args: unknown[]) => void): unknown;
}
/** What registerIpc needs of the core: AppCore, or a lighter core in tests. */
export interface IpcCore {
  readonly log: Logger;
  connect(
    channel: ServerChannel,
    host?: HostCapabilities,
  ): unknown;
}

/** Shows the save dialog for the window of web contents `contentsId` (saveDialog.ts); tests pass none. */
export type SaveDialog = (contentsId: number, suggestedName: string) => Promise<string | undefined>;

/** Shows the open dialog for a session log, for the window of web contents `contentsId` (openDialog.ts). */
export type OpenDialog = (contentsId: number) => Promise<string | undefined>;

/** Shows the open dialog for a dataset's file ("Locate…" after an import), for that window (openDialog.ts). */
export type LocateDialog = (contentsId: number, datasetName: string) => Promise<string | undefined>;

/** One window's end of the IPC transport. IPC has no byte backlog to read: the outbox's window bounds it. */
class IpcServerChannel implements ServerChannel {
  private readonly messageListeners = new Set<(text: string | undefined) => void>();
  private readonly closeListeners = new Set<() => void>();
  private closed = false;

  constructor(private readonly contents: IpcContents) {}

  send(text: string): void {
    if (!this.closed && !this.contents.isDestroyed()) this.contents.send(IPC_TO_RENDERER, text);
  }
  backlogBytes(): number {
    return 0;
  }
  onMessage(listener: (text: string | undefined) => void): void {
    this.messageListeners.add(listener);
  }
  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }
  receive(text: string | undefined): void {
    if (!this.closed) this.messageListeners.forEach((l) => l(text));
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closeListeners.forEach((l) => l());
  }
}

/**
 * The Electron side of the one transport interface: one connection per renderer document, every
 * message checked for its sender frame and then validated by serveConnection like a WebSocket's.
 */
export function registerIpc(ipcMain: IpcMainLike, core: IpcCore, origins: AppOrigins, saveDialog?: SaveDialog, scopeOf: (contentsId: number) => ConnectionScope | undefined = () => undefined, openDialog?: OpenDialog, locateDialog?: LocateDialog): void {
  const channels = new Map<number, IpcServerChannel>();
  /** Windows whose lifecycle is watched: once each, since a window outlives its documents (a listener per reload would keep every old connection alive). */
  const watched = new Set<number>();
  const drop = (id: number): void => {
    const channel = channels.get(id);
    channels.delete(id);
    channel?.close();
  };
  const watch = (contents: IpcContents): void => {
    if (watched.has(contents.id)) return;
    watched.add(contents.id);
    contents.once('destroyed', () => {
      watched.delete(contents.id);
      drop(contents.id);
    });
    // A reload starts a new renderer: its old subscriptions (and frame count) must not carry over.
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) drop(contents.id);
    });
  };
  const channelFor = (contents: IpcContents): IpcServerChannel => {
    const existing = channels.get(contents.id);
    if (existing) return existing;
    const channel = new IpcServerChannel(contents);
    channels.set(contents.id, channel);
    watch(contents);
    // A window main opened on one session gets a connection scoped to it, whatever its page asks.
    const scope = scopeOf(contents.id);
    core.connect(channel, {
      ...(saveDialog ? { chooseExportPath: (name: string) => saveDialog(contents.id, name) } : {}),
      ...(openDialog ? { chooseImportPath: () => openDialog(contents.id) } : {}),
      ...(locateDialog ? { chooseDatasetPath: (name: string) => locateDialog(contents.id, name) } : {}),
      ...(scope ? { scope } : {}),
    });
    return channel;
  };

  ipcMain.on(IPC_TO_MAIN, (event, text) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame && { url: frame.url, isTopFrame: frame.parent === null }, origins)) {
      core.log.warn({ url: frame?.url }, 'IPC from a frame that is not Sextant was refused');
      return;
    }
    channelFor(event.sender).receive(typeof text === 'string' ? text : undefined);
  });
}
