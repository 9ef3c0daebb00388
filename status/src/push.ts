import type { PushSubscriptionJson } from '@madoguchi/shared';
import { fetchPushKey } from './api';
import { registerWorker } from './service-worker';

/**
 * Web Push on the phone page: the subscription made with the server's VAPID key, through the
 * page's service worker. Permission is asked here only, which runs from the citizen's tap.
 */

/** Whether this browser can subscribe at all (the button is shown only then). */
export const pushSupported = (): boolean => typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && typeof Notification !== 'undefined';

/** base64url (the VAPID key as the server gives it) → the bytes PushManager.subscribe wants. */
export function base64UrlBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  const raw = atob(b64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Why a subscription could not be made: the citizen said no (or earlier), or the browser could not. */
export type PushRefusal = 'denied' | 'failed';

/** Asks permission (from the tap), then subscribes; the subscription as the API takes it. */
export async function subscribePush(): Promise<PushSubscriptionJson | PushRefusal> {
  const permission = Notification.permission === 'default' ? await Notification.requestPermission() : Notification.permission;
  if (permission !== 'granted') return 'denied';
  const registration = await registerWorker();
  if (!registration) return 'failed';
  try {
    const key = base64UrlBytes(await fetchPushKey());
    // the browser's existing subscription for this key is answered again: one phone, one endpoint
    const subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
    const json = subscription.toJSON();
    if (!json.endpoint || !json.keys?.p256dh || !json.keys.auth) return 'failed';
    return { endpoint: json.endpoint, keys: { p256dh: json.keys.p256dh, auth: json.keys.auth } };
  } catch {
    return 'failed';
  }
}
