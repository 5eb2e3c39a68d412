import { isUrl } from './datasetName';

/**
 * Why a URL with `user:password@` is refused (docs/query-engine.md, "URLs"). Events keep a source
 * as given, so the password would stay in the log and every exported session, and fetch refuses
 * such a URL anyway. The words never repeat the URL: it holds the password.
 */
export const CREDENTIALS_REFUSAL =
  'Sextant does not open a web address with a user name and password in it (user:password@): it would keep the password in its history and send it with every download. Download the file yourself (your browser asks for the password), then add the downloaded file.';

/**
 * True when `source` is an http(s) URL with a user name or password. One no parser reads counts
 * when an `@` comes before its query or fragment: a password may hold a `/` that ends the host early.
 */
export function hasCredentials(source: string): boolean {
  if (!isUrl(source)) return false;
  try {
    const url = new URL(source);
    return url.username !== '' || url.password !== '';
  } catch {
    return /^[a-z]+:\/\/[^?#]*@/is.test(source);
  }
}
