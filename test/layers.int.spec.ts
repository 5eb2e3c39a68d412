import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of docs/contracts.md must keep failing the build on a forbidden import. */
const eslint = new ESLint();
const LAYER_RULES = new Set(['layers/imports', 'no-restricted-imports', 'no-restricted-syntax']);

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result?.messages.filter((m) => m.fatal) ?? [];
  if (fatal.length) throw new Error(`${filePath} did not parse: ${fatal[0]?.message}`);
  return (result?.messages ?? []).filter((m) => LAYER_RULES.has(m.ruleId ?? '')).map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['src/shared/x.ts', "import { readFileSync } from 'node:fs';"],
    ['src/shared/x.ts', "import { EventEmitter } from 'events';"],
    ['src/shared/x.ts', "import Database from 'better-sqlite3';"],
    ['src/shared/x.ts', "import { DuckDBInstance } from '@duckdb/node-api';"],
    ['src/shared/x.ts', "import { useState } from 'react';"],
    ['src/shared/x.ts', "import { AppCore } from '../main/core/appCore';"],
    ['src/shared/x.ts', "import { parseHTML } from 'linkedom';"],
    ['src/renderer/x.ts', "import { parseHTML } from 'linkedom';"],
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/x.ts', "import { join } from 'node:path';"],
    ['src/renderer/x.ts', "import { EventStore } from '../main/store/eventStore';"],
    ['src/main/core/x.ts', "import { app } from 'electron';"],
    ['src/main/core/x.ts', "import { App } from '../../renderer/components/App';"],
    ['src/main/webHost/x.ts', "import { app } from 'electron';"],
    // The shells: only the web host serves.
    ['src/main/core/x.ts', "import { createServer } from 'node:http';"],
    ['src/main/catalog/x.ts', "import { get } from 'https';"],
    ['src/main/core/x.ts', "import { WebSocketServer } from 'ws';"],
    ['src/main/electron/x.ts', "import sirv from 'sirv';"],
    ['src/main/transports/x.ts', "import { createServer } from 'node:http';"],
    // The store knows nothing above it.
    ['src/main/store/x.ts', "import { CommandHandler } from '../commands/commandHandler';"],
    ['src/main/store/x.ts', "import { Bus } from '../streams/bus';"],
    ['src/main/store/x.ts', "import { AppCore } from '../core/appCore';"],
    ['src/main/store/x.ts', "import { RESULTS_SCHEMA } from '../query/sql';"],
    ['src/main/store/x.ts', "import { DuckDBInstance } from '@duckdb/node-api';"],
    // The DuckDB worker thread: main-thread code never imports its modules...
    ['src/main/core/x.ts', "import '../query/duckdb.worker';"],
    ['src/main/query/x.ts', "import { runIntoTable } from './resultWriter.worker';"],
    ['src/main/catalog/x.ts', "import { registerDataset } from './readers.worker';"],
    // ...and its modules import only worker modules, src/shared, the protocol and sql.
    ['src/main/query/x.worker.ts', "import { QueryRunner } from './queryRunner';"],
    ['src/main/query/x.worker.ts', "import { newErrorId } from '../platform/ids';"],
    ['src/main/catalog/x.worker.ts', "import { CatalogService } from './catalogService';"],
    ['src/main/query/x.worker.ts', "import Database from 'better-sqlite3';"],
    ['src/main/query/x.worker.ts', "import { app } from 'electron';"],
    // What only some actions need is loaded on demand, not at every start.
    ['src/main/share/x.ts', "import { chartSvg } from './chartImage';"],
    ['src/main/query/x.worker.ts', "import { convertArrowToParquet } from '../catalog/arrowImport.worker';"],
    ['src/preload/x.ts', "import { shell } from 'electron';"],
    ['src/preload/x.ts', "import { readFileSync } from 'node:fs';"],
    // import() is an import: it may not dodge the rules.
    ['src/main/core/x.ts', "const { app } = await import('electron');"],
    ['src/main/core/x.ts', "void import('node:http');"],
    ['src/main/store/x.ts', "void import('../core/appCore');"],
    ['src/main/core/x.ts', "void import('../query/duckdb.worker');"],
    ['src/main/share/x.ts', 'void import(`./${name}`);'],
    ['src/preload/x.ts', "void import('node:fs');"],
    ['src/preload/x.ts', "void import('electron');"],
    ['src/shared/x.ts', "void import('node:fs');"],
    ['src/renderer/x.ts', "void import('../main/store/eventStore');"],
    ['src/main/query/x.worker.ts', "void import('../streams/bus');"],
    // So are re-exports, `import = require` and types from another layer.
    ['src/main/store/x.ts', "export { Bus } from '../streams/bus';"],
    ['src/main/store/x.ts', "export * from '../streams/bus';"],
    ['src/main/core/x.ts', "import electron = require('electron');"],
    ['src/main/core/x.ts', "type App = import('electron').App;"],
    // Paths are matched by where they lead, with any extension.
    ['src/main/store/x.ts', "import { CommandHandler } from './../commands/commandHandler';"],
    ['src/main/store/x.ts', "import { Bus } from '../platform/../streams/bus';"],
    ['src/main/store/x.ts', "import { RESULTS_SCHEMA } from '../../shared/../main/query/sql';"],
    ['src/main/query/x.worker.ts', "import { QueryRunner } from '../../shared/../main/query/queryRunner';"],
    ['src/main/core/x.ts', "import '../query/duckdb.worker.js';"],
    ['src/main/core/x.ts', "import '../query/duckdb.worker.ts';"],
    ['src/main/share/x.ts', "import { chartSvg } from './chartImage.js';"],
    ['src/main/core/x.ts', "import '../webHost/../electron/main';"],
    ['src/main/core/x.ts', "import { app } from 'electron/main';"],
    // Every source extension is a source file.
    ['src/main/core/x.mts', "import { app } from 'electron';"],
    ['src/main/core/x.cts', "import { createServer } from 'node:http';"],
    ['src/main/core/x.js', "import { app } from 'electron';"],
    ['src/main/store/x.mjs', "import { Bus } from '../streams/bus.js';"],
    ['src/main/query/x.worker.mts', "import Database from 'better-sqlite3';"],
    ['src/shared/x.mts', "import { readFileSync } from 'node:fs';"],
    // Unit specs are pure: no files, processes, threads, SQLite or DuckDB.
    ['src/main/query/x.unit.spec.ts', "import { mkdtempSync } from 'node:fs';"],
    ['src/main/query/x.unit.spec.ts', "import { readFile } from 'fs/promises';"],
    ['src/main/query/x.unit.spec.ts', "import { spawn } from 'node:child_process';"],
    ['src/main/query/x.unit.spec.ts', "import { Worker } from 'node:worker_threads';"],
    ['src/main/store/x.unit.spec.ts', "import Database from 'better-sqlite3';"],
    ['src/main/instant/x.unit.spec.ts', "import { DuckDBTypeId } from '@duckdb/node-api';"],
    ['src/main/query/x.unit.spec.ts', "import { tempDir } from '../../../test/support/tempDir';"],
    ['src/main/query/x.unit.spec.ts', "const fs = await import('node:fs');"],
    ['src/shared/x.unit.spec.ts', "import { readFileSync } from 'node:fs';"],
    ['test/x.unit.spec.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s refuses %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod';"],
    ['src/shared/x.ts', "import type { DomainEvent } from './contracts/events';"],
    ['src/shared/x.ts', "import * as Plot from '@observablehq/plot';"],
    ['src/main/share/x.ts', "import { parseHTML } from 'linkedom';"],
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/main/core/x.ts', "import Database from 'better-sqlite3';"],
    ['src/main/core/x.ts', "import type { WorkerRequest } from '../query/workerProtocol';"],
    ['src/main/webHost/x.ts', "import { createServer } from 'node:http';"],
    ['src/main/webHost/x.ts', "import sirv from 'sirv';"],
    ['src/main/webHost/x.ts', "import { WebSocketServer } from 'ws';"],
    ['src/main/transports/x.ts', "import type { WebSocket } from 'ws';"],
    ['src/main/catalog/x.int.spec.ts', "import { createServer } from 'node:http';"],
    ['src/main/store/x.ts', "import { newErrorId } from '../platform/ids';"],
    ['src/main/store/x.ts', "import { migrate } from './schema';"],
    ['src/main/store/x.ts', "import type { DomainEvent } from '../../shared/contracts/events';"],
    ['src/main/store/x.int.spec.ts', "import { Projections } from '../streams/projections';"],
    ['src/main/query/x.worker.ts', "import { runIntoTable } from './resultWriter.worker';"],
    ['src/main/query/x.worker.ts', "import { registerDataset } from '../catalog/readers.worker';"],
    ['src/main/query/x.worker.ts', "import type { WorkerRequest } from './workerProtocol';"],
    ['src/main/query/x.worker.ts', "import { RESULTS_SCHEMA } from './sql';"],
    ['src/main/query/x.worker.ts', "import { toAppError } from '../../shared/contracts/errors';"],
    ['src/main/query/x.worker.ts', "import { DuckDBInstance } from '@duckdb/node-api';"],
    ['src/main/query/x.worker.ts', "import { parentPort } from 'node:worker_threads';"],
    ['src/main/query/x.int.spec.ts', "import { chunkText } from './chunkText.worker';"],
    ['src/main/share/x.unit.spec.ts', "import { chartSvg } from './chartImage';"],
    ['src/preload/x.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
    ['src/renderer/x.ts', "import { useState } from 'react';"],
    ['src/renderer/x.ts', "import { evolveAppView } from '../shared/views/appView';"],
    // What is loaded on demand is loaded with import().
    ['src/main/share/x.ts', "const { chartSvg } = await import('./chartImage');"],
    ['src/main/query/x.worker.ts', "const { convertArrowToParquet } = await import('../catalog/arrowImport.worker');"],
    ['src/renderer/x.tsx', "void import('./formatSql');"],
    ['src/main/store/x.ts', "import { migrate } from './schema.js';"],
    ['src/main/store/x.ts', "import type { DomainEvent } from '../../shared/contracts/events.js';"],
    ['src/main/query/x.worker.ts', "import { RESULTS_SCHEMA } from './sql.js';"],
    ['src/main/core/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['src/main/query/x.int.spec.ts', "import { mkdtempSync } from 'node:fs';"],
    ['src/main/query/x.unit.spec.ts', "import { describe } from 'vitest';"],
  ])('%s allows %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
