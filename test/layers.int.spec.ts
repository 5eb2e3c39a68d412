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
    ['src/renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/renderer/x.ts', "import { join } from 'node:path';"],
    ['src/renderer/x.ts', "import { EventStore } from '../main/store/eventStore';"],
    ['src/main/core/x.ts', "import { app } from 'electron';"],
    ['src/main/core/x.ts', "import { App } from '../../renderer/components/App';"],
    ['src/preload/x.ts', "import { shell } from 'electron';"],
    ['src/preload/x.ts', "import { readFileSync } from 'node:fs';"],
  ])('%s refuses %s', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/shared/x.ts', "import { z } from 'zod';"],
    ['src/shared/x.ts', "import type { DomainEvent } from './contracts/events';"],
    ['src/main/electron/x.ts', "import { app } from 'electron';"],
    ['src/main/core/x.ts', "import Database from 'better-sqlite3';"],
    ['src/preload/x.ts', "import { contextBridge, ipcRenderer } from 'electron';"],
    ['src/renderer/x.ts', "import { useState } from 'react';"],
    ['src/renderer/x.ts', "import { evolveAppView } from '../shared/views/appView';"],
  ])('%s allows %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
