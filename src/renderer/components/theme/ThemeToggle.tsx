import { Monitor, Moon, Sun } from 'lucide-react';
import { nextThemeChoice, themeToggleLabel, themeToggleTitle } from './themeChoice';
import { pickTheme, useThemeChoice } from './useTheme';

const ICONS = { system: Monitor, light: Sun, dark: Moon } as const;

/** "Theme: System" in the top bar: each press picks the next of system, light and dark. */
export function ThemeToggle() {
  const choice = useThemeChoice();
  const Icon = ICONS[choice];
  return (
    <button type="button" className="icon-button theme-toggle" aria-label={themeToggleLabel(choice)} title={themeToggleTitle(choice)} onClick={() => pickTheme(nextThemeChoice(choice))}>
      <Icon aria-hidden="true" />
    </button>
  );
}
