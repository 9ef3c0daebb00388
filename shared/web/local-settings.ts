/**
 * What a page remembers on this PC (localStorage, under its own prefix). Storage disabled by
 * policy or full: nothing is remembered and the page still works.
 */
export function localSettings(prefix: string): { get(key: string): string | null; put(key: string, value: string | null): void } {
  return {
    get(key) {
      try {
        return window.localStorage.getItem(prefix + key);
      } catch {
        return null;
      }
    },
    put(key, value) {
      try {
        if (value === null) window.localStorage.removeItem(prefix + key);
        else window.localStorage.setItem(prefix + key, value);
      } catch {
        // the choice lasts for this page only
      }
    },
  };
}
