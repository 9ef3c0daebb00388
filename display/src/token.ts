/**
 * The display's device token. It is opened once as /display/?token=dev_…; the token is then
 * kept in localStorage and taken out of the address bar (so it is neither bookmarked, shown
 * nor sent on as a referrer).
 */
const KEY = 'madoguchi.display.token';

export function takeToken(loc: Location, history: History, storage: Storage): string | null {
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(KEY);
}
