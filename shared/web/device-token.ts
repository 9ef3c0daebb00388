/**
 * A device page's token. The page is opened once as /<page>/?token=dev_…; the token is then kept
 * in localStorage and taken out of the address bar (so it is neither bookmarked, shown nor sent
 * on as a referrer).
 */
export function takeDeviceToken(page: string, loc: Location, history: History, storage: Storage): string | null {
  const key = `madoguchi.${page}.token`;
  const url = new URL(loc.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(key, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem(key);
}
