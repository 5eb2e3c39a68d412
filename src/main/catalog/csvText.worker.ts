import { isAscii, isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { TextScanner, textVerdict, type ByteChecks, type TextScan, type TextVerdict } from '../../shared/domain/csvText';

/**
 * What a CSV file's bytes say of its encoding (shared/domain/csvText.ts), on the DuckDB worker
 * thread. The fingerprint's hash pass scans each file it hashes and leaves the answer here, keyed by
 * path, size and time, so registering right after reads nothing again; registering without one (at
 * a start, after an undo) scans the file itself. Every read streams, so the thread's event loop
 * answers between chunks.
 */

/** node:buffer's native checks (simdutf): on a UTF-8 file the scan adds about 0.06 s a GB to the hash pass's 0.8 s. */
export const nodeChecks: ByteChecks = {
  isUtf8: (bytes) => isUtf8(bytes),
  isAscii: (bytes) => isAscii(bytes),
};

const CHUNK_BYTES = 2 ** 20;

/** The scans kept, newest last: a few dozen files at most are registered between two looks. */
const KEPT = 64;
const scans = new Map<string, { readonly bytes: number; readonly modifiedMs: number; readonly scan: TextScan }>();

/** Keeps what a scan of `path`, as it was (`bytes`, `modifiedMs`), found. */
export function rememberScan(path: string, bytes: number, modifiedMs: number, scan: TextScan): void {
  const key = resolve(path);
  scans.delete(key);
  scans.set(key, { bytes, modifiedMs, scan });
  if (scans.size > KEPT) scans.delete(scans.keys().next().value!);
}

/** What `path`'s bytes say: the hash pass's answer while the file is as it was then, else a scan of it now. */
export async function scanOf(path: string): Promise<TextScan> {
  const now = await stat(path);
  const modifiedMs = Math.floor(now.mtimeMs);
  const kept = scans.get(resolve(path));
  if (kept && kept.bytes === now.size && kept.modifiedMs === modifiedMs) return kept.scan;
  const scanner = new TextScanner(nodeChecks);
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES })) scanner.feed(chunk as Buffer);
  const scan = scanner.result();
  rememberScan(path, now.size, modifiedMs, scan);
  return scan;
}

/** Files DuckDB decompresses by their name: their bytes say nothing of the text's encoding. */
const COMPRESSED = /\.(gz|zst|zstd)$/i;

/**
 * What `path`'s bytes say of its encoding (textVerdict), from scanOf: main asks it of a CSV it has
 * just fingerprinted, to decide on a Windows-1252 copy without reading the file itself.
 */
export async function verdictOf(path: string): Promise<TextVerdict> {
  return COMPRESSED.test(path) ? { kind: 'unknown' } : textVerdict(await scanOf(path));
}

/** The 1-based line of `path` that byte `offset` is on, and that byte: only for a message, so it reads the file again up to there. */
export async function lineAt(path: string, offset: number): Promise<{ line: number; byte: number }> {
  let line = 1;
  let byte = 0;
  let read = 0;
  for await (const chunk of createReadStream(path, { end: offset, highWaterMark: CHUNK_BYTES })) {
    const b = chunk as Buffer;
    const before = Math.min(b.length, offset - read); // this chunk's bytes before `offset`
    for (let i = b.indexOf(10); i !== -1 && i < before; i = b.indexOf(10, i + 1)) line++;
    if (before < b.length) byte = b[before]!;
    read += b.length;
  }
  return { line, byte };
}
