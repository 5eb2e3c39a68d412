import type { Result } from '../../src/shared/contracts/errors';
import type { Frame } from '../../src/shared/contracts/frames';
import type { ServerMessage } from '../../src/shared/contracts/protocol';
import { MemoryTransport } from './memoryChannel';
import type { ServerChannel } from '../../src/main/transports/serverChannel';

/**
 * A bare protocol client for main-side tests: speaks the wire protocol over a MemoryTransport,
 * records every frame it processes, and acknowledges them (unless told not to). Lets a test
 * play a well-behaved, a stalled or a broken renderer without the renderer's code.
 */
export class ProtocolClient {
  readonly transport: MemoryTransport;
  readonly frames: Frame[] = [];
  /** Responses to messages without an id (-1): refusals of malformed messages. */
  readonly orphanResponses: Result<unknown>[] = [];
  autoAck = true;
  /** Called after each batch of frames is recorded (benchmarks time arrivals with it). */
  readonly frameListeners = new Set<() => void>();
  private processed = 0;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();

  constructor(accept: (server: ServerChannel) => void) {
    this.transport = new MemoryTransport(accept);
    this.transport.onMessage((text) => {
      const message = JSON.parse(text) as ServerMessage;
      if (message.type === 'response') {
        const resolve = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (resolve) resolve(message.result);
        else this.orphanResponses.push(message.result);
        return;
      }
      this.frames.push(...message.frames);
      this.processed += message.frames.length;
      if (this.autoAck) this.ack();
      for (const l of this.frameListeners) l();
    });
    this.transport.onConnection((connected) => {
      if (connected) this.processed = 0;
    });
    this.transport.connect();
  }

  request(request: unknown): Promise<Result<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.transport.send(JSON.stringify({ id, request }));
    });
  }

  /** Acknowledges everything processed so far. */
  ack(received = this.processed): void {
    this.transport.send(JSON.stringify({ request: { method: 'ack', received } }));
  }

  sendRaw(text: string): void {
    this.transport.send(text);
  }

  framesOf(subscriptionId: string): Frame[] {
    return this.frames.filter((f) => f.subscriptionId === subscriptionId);
  }

  /** Resolves once `predicate` holds for the frames received so far. */
  async until(predicate: (frames: readonly Frame[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.frames)) {
      if (Date.now() > deadline) throw new Error(`timed out; frames so far: ${this.frames.map((f) => f.kind).join(',')}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  }
}
