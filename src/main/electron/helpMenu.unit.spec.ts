import { describe, expect, it } from 'vitest';
import { helpMenuItems } from './helpMenu';

describe('the Help menu', () => {
  it('offers Reveal Data Folder and Copy Diagnostics, each doing what it says', () => {
    const done: string[] = [];
    const items = helpMenuItems('Sextant', {
      revealDataFolder: () => done.push('reveal'),
      copyDiagnostics: () => done.push('copy'),
      showAbout: () => done.push('about'),
    });
    expect(items.map((i) => i.label ?? i.type)).toEqual(['Reveal Data Folder', 'Copy Diagnostics', 'separator', 'About Sextant']);
    for (const item of items) (item.click as (() => void) | undefined)?.();
    expect(done).toEqual(['reveal', 'copy', 'about']);
  });
});
