import { totalmem } from 'node:os';

/**
 * The memory this process may use: a container's cgroup limit when there is one (os.totalmem()
 * reports the host's RAM even inside a 2 GB container), else the machine's RAM. Node reports "no
 * limit" as 0 or as a huge number, so only a limit below the RAM counts.
 */
export function availableMemoryBytes(): number {
  const ram = totalmem();
  const constrained = process.constrainedMemory();
  return constrained > 0 && constrained < ram ? constrained : ram;
}

/**
 * DuckDB's memory_limit when none is given: half the available memory in whole GB, at least 1 GB.
 * The other half is left to Electron, the renderer and the OS. Beyond the limit DuckDB spills to
 * temp_directory; what cannot spill fails as OUT_OF_MEMORY rather than the OS killing the app.
 */
export function defaultMemoryLimit(availableBytes = availableMemoryBytes()): string {
  return `${Math.max(1, Math.floor((availableBytes / 2 ** 30) * 0.5))}GB`;
}
