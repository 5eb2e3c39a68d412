import { isAppUrl, type AppOrigins } from './appOrigin';

/**
 * The one permission a Sextant page gets: writing text to the clipboard (Copy cell, Copy selection
 * as TSV), from the app's own page. Camera, microphone, geolocation, notifications, reading the
 * clipboard, HID/USB/serial, file system access, opening external apps… are all refused.
 */
const GRANTED_TO_THE_APP = new Set(['clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, origins: AppOrigins = {}): boolean {
  return GRANTED_TO_THE_APP.has(permission) && requestingUrl !== undefined && isAppUrl(requestingUrl, origins);
}
