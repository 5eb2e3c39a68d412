import { describe, expect, it } from 'vitest';
import { forkOpensElsewhere } from './oneSessionWindow';

describe('forkOpensElsewhere', () => {
  it('names the fork as main names it, its title isolated, and says where a browser opens it', () => {
    expect(forkOpensElsewhere('Delays', true)).toBe(
      'Forked as “\u2068Delays (fork)\u2069”. This page shows one session: the fork opens in the page without “session=” in its address.',
    );
  });

  it('on the desktop, points to the menu that opens a session in a window', () => {
    expect(forkOpensElsewhere('\u202eDelays', false)).toBe(
      'Forked as “\u2068\u202eDelays (fork)\u2069”. This window shows one session: open the fork with File → Open Session in New Window.',
    );
  });
});
