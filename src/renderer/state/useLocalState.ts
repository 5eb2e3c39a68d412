import { useEffect, useState } from 'react';

/** UI-only state that should survive a reload (the open tab, an unsent draft). */
export function useLocalState<T extends string>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => (localStorage.getItem(key) as T | null) ?? initial);
  useEffect(() => {
    localStorage.setItem(key, value);
  }, [key, value]);
  return [value, setValue];
}
