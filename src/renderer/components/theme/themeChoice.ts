/**
 * The theme a person picked: follow the OS, or always light, or always dark. A taste of this
 * browser (as the panes are, layout/paneMemory.ts), kept in localStorage, never in the event log.
 */
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_KEY = 'sextant.theme';

/** Storage as the page has it; absent or throwing (a locked-down profile) means "follow the OS, not remembered". */
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A stored value read back; anything unknown (another version's, edited by hand) follows the OS. */
export const parseThemeChoice = (stored: string | null | undefined): ThemeChoice =>
  THEME_CHOICES.find((choice) => choice === stored) ?? 'system';

export function storedThemeChoice(store: Store | undefined = globalThis.localStorage): ThemeChoice {
  try {
    return parseThemeChoice(store?.getItem(THEME_KEY));
  } catch {
    return 'system';
  }
}

export function rememberThemeChoice(choice: ThemeChoice, store: Store | undefined = globalThis.localStorage): void {
  try {
    if (choice === 'system') store?.removeItem(THEME_KEY);
    else store?.setItem(THEME_KEY, choice);
  } catch {
    // not remembered; the choice still holds for this page
  }
}

/** One press of the toggle: system, then light, then dark, then back to the system. */
export const nextThemeChoice = (choice: ThemeChoice): ThemeChoice =>
  THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length]!;

/** The colours in use: the choice, or the OS's when following it. */
export const shownScheme = (choice: ThemeChoice, osDark: boolean): 'light' | 'dark' =>
  choice === 'system' ? (osDark ? 'dark' : 'light') : choice;

const WORDS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The toggle's accessible name says the theme in use; its tooltip also says what a press does. */
export const themeToggleLabel = (choice: ThemeChoice): string => `Theme: ${WORDS[choice]}`;
export const themeToggleTitle = (choice: ThemeChoice): string =>
  `${choice === 'system' ? 'Theme: follows the system' : themeToggleLabel(choice)}. Press for ${WORDS[nextThemeChoice(choice)].toLowerCase()}.`;
