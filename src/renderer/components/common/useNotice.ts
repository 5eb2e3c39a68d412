import { useEffect, useState } from 'react';

const NOTICE_MS = 5000;

/** The window's polite announcement ("Copied …", a refusal said aloud): each shown for five seconds, a newer one in its place. */
export function useNotice(): [string | undefined, (message: string | undefined) => void] {
  const [notice, setNotice] = useState<string | undefined>();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(undefined), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return [notice, setNotice];
}
