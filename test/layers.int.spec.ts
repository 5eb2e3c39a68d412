import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rules of docs/contracts.md must keep failing the build on a forbidden import. */
const eslint = new ESLint();

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
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
  ])('%s allows %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
