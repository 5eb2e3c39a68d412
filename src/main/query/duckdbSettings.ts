import { defaultMemoryLimit } from './memoryLimit';

/** The settings the app's DuckDB instance starts with (the worker passes them to DuckDBInstance). */
export function duckdbSettings(tempDirectory: string, memoryLimit = defaultMemoryLimit()): Readonly<Record<string, string>> {
  return {
    memory_limit: memoryLimit,
    // Spills of what exceeds memory_limit go here, in the data dir, not the OS's temp folder.
    temp_directory: tempDirectory,
    // DuckDB never reaches the network by itself (Sextant downloads a URL dataset): without these it
    // would install and load httpfs for any http(s) path, one an imported session's log names too.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  };
}
