import { useEffect, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';

/**
 * The text of a search box over personal data (a resident's name, phone, ID number), kept out of
 * the address bar: proxies and browser history keep URLs. It lives in the component, and in
 * sessionStorage (this tab only, gone when it closes) for the history entry it was typed on, so
 * that going back to the list shows the same search. An old bookmark or link with `?q=` is read
 * once, then the address is replaced without it.
 */
export function usePrivateSearch(name: string): [string, (text: string) => void] {
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const storageKey = `toso.search.${name}`;
  const [text, setText] = useState(() => params.get('q') ?? storedFor(storageKey, location.key));

  useEffect(() => {
    if (!params.has('q')) return;
    const next = new URLSearchParams(params);
    next.delete('q');
    setParams(next, { replace: true });
  }, [params, setParams]);

  // Replacing the URL (another filter, the `?q=` removed) gives the entry a new key: follow it.
  useEffect(() => {
    try {
      if (text) sessionStorage.setItem(storageKey, JSON.stringify({ key: location.key, text }));
      else if (storedFor(storageKey, location.key)) sessionStorage.removeItem(storageKey);
    } catch {
      /* storage refused (private mode, full): the text is still in the component */
    }
  }, [storageKey, location.key, text]);

  return [text, setText];
}

function storedFor(storageKey: string, locationKey: string): string {
  try {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as {
      key?: unknown;
      text?: unknown;
    } | null;
    return saved?.key === locationKey && typeof saved.text === 'string' ? saved.text : '';
  } catch {
    return '';
  }
}
