import type { ClientChannel } from '../../src/shared/contracts/protocol';
import type { ServerChannel } from '../../src/main/transports/serverChannel';

/** One connection of a MemoryTransport: dead once dropped, like a closed socket. */
class MemoryLink implements ServerChannel {
  alive = true;
  readonly toServer = new Set<(text: string | undefined) => void>();
  readonly closeListeners = new Set<() => void>();

  constructor(private readonly toClient: (link: MemoryLink, text: string) => void) {}

  send(text: string): void {
    if (this.alive) this.toClient(this, text);
  }
  backlogBytes(): number {
    return 0;
  }
  onMessage(listener: (text: string | undefined) => void): void {
    this.toServer.add(listener);
  }
  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }
}

/**
 * Both ends of a transport in one process, for tests and benchmarks: the client end is a
 * ClientChannel (what the renderer's API runs on), each `connect()` hands main a new ServerChannel.
 * Messages are delivered asynchronously (one macrotask later), in order, like a socket; `drop()`
 * loses whatever is in flight; `stall()` makes the client stop reading, like a hung renderer.
 */
export class MemoryTransport implements ClientChannel {
  private link: MemoryLink | undefined;
  private readonly messageListeners = new Set<(text: string) => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private stalled = false;
  private readonly held: string[] = [];
  /** Messages and characters main has sent on every link so far. */
  received = { messages: 0, chars: 0 };

  constructor(private readonly accept: (server: ServerChannel) => void) {}

  /** Opens a new connection (main sees a new ServerChannel). */
  connect(): void {
    if (this.link) return;
    const link = new MemoryLink((from, text) =>
      setImmediate(() => {
        if (from !== this.link) return; // the connection it was sent on is gone
        this.received.messages++;
        this.received.chars += text.length;
        if (this.stalled) this.held.push(text);
        else this.messageListeners.forEach((l) => l(text));
      }),
    );
    this.link = link;
    this.accept(link);
    this.connectionListeners.forEach((l) => l(true));
  }

  /** Drops the connection: messages in flight either way are lost; both ends see it close. */
  drop(): void {
    const link = this.link;
    if (!link) return;
    this.link = undefined;
    link.alive = false;
    this.held.length = 0;
    link.closeListeners.forEach((l) => l());
    this.connectionListeners.forEach((l) => l(false));
  }

  /** The client stops processing what arrives (it is held, unread) until `resume()`. */
  stall(): void {
    this.stalled = true;
  }

  resume(): void {
    this.stalled = false;
    for (const text of this.held.splice(0)) this.messageListeners.forEach((l) => l(text));
  }

  get heldMessages(): number {
    return this.held.length;
  }

  // ClientChannel
  send(text: string): boolean {
    const link = this.link;
    if (!link) return false;
    setImmediate(() => {
      if (link.alive) link.toServer.forEach((l) => l(text));
    });
    return true;
  }
  onMessage(listener: (text: string) => void): void {
    this.messageListeners.add(listener);
  }
  onConnection(listener: (connected: boolean) => void): void {
    this.connectionListeners.add(listener);
  }
  isConnected(): boolean {
    return this.link !== undefined;
  }
}
