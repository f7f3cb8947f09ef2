import { withAuthParams, type AuthParams } from './stream-url.js';

/**
 * The viewer's credentials for one stream, and the one origin they may go to: the configured
 * `domain`'s. A playlist may name keys, variants or segments on other hosts; those get neither the
 * auth parameters nor cookies. Every request the player makes or has made (probe, playlists,
 * segments, parts, keys, preview, the browser's own HLS) asks here, and nowhere else.
 */
export interface RequestCredentials {
  /** The configured domain's origin (`https://d111.cloudfront.net`). */
  origin: string;
  /** `token`, `subscriberId`, `subscriberCode` for this stream (the backup has its own token). */
  auth: AuthParams;
  /** `crossorigin="use-credentials"`: the page's cookies for that origin. */
  cookies: boolean;
}

/** Credentials that go nowhere: for URLs the player does not sign (tests, recordings without auth). */
export const noCredentials: RequestCredentials = { origin: '', auth: {}, cookies: false };

/** Whether `url` (absolute) goes to the credentials' origin; a URL that does not parse does not. */
export function goesToCredentialsOrigin(url: string, credentials: RequestCredentials): boolean {
  try {
    return credentials.origin !== '' && new URL(url).origin === credentials.origin;
  } catch {
    return false;
  }
}

/** `url` with the auth parameters when it goes to the credentials' origin; any other URL as it is. */
export function credentialedUrl(url: string, credentials: RequestCredentials): string {
  return goesToCredentialsOrigin(url, credentials) ? withAuthParams(url, credentials.auth) : url;
}

/** Whether a request for `url` carries the page's cookies. */
export function sendsCookies(url: string, credentials: RequestCredentials): boolean {
  return credentials.cookies && goesToCredentialsOrigin(url, credentials);
}
