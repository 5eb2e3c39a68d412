import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * A file an export writes text to, piece by piece: a write waits while the stream's buffer is full,
 * so a long session never sits whole in memory, and each wait lets main's event loop run.
 */
export class FileSink {
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'wx', highWaterMark: 1 << 20 });
    this.stream.on('error', (e) => (this.failure = e));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) await this.drained();
    if (this.failure) throw this.failure;
  }

  /** Waits until the stream's buffer has room again, or it failed (each wait leaves no listener behind). */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }

  /** Flushes and closes the file; throws what writing it met. */
  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (this.failure) throw this.failure;
  }

  /** Abandons the file (the caller removes it). */
  destroy(): void {
    this.stream.destroy();
  }
}

/** Lets main's event loop run (other windows' requests, frames) between two chunks of an export. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
