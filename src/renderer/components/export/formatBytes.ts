import { NBSP } from '../format';

const bytesFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** A file size as a person reads it: "512 bytes", "1 byte", "16.5 MB" (1 KB = 1,024 bytes), never split from its unit. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytesFormat.format(bytes)}${NBSP}${bytes === 1 ? 'byte' : 'bytes'}`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${bytesFormat.format(value)}${NBSP}${UNITS[unit]}`;
}
