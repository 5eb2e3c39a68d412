/**
 * Whether a text file's first bytes are UTF-16, and in which byte order (docs/query-engine.md, "CSV
 * that DuckDB's defaults misread"). Its byte-order mark says so when it has one; without one (what
 * some exports and scripts write: .NET's `Encoding.Unicode` stream without a preamble, PowerShell's
 * `Out-File -Encoding unicode` piped, a C program writing wchar_t) the bytes still do: a CSV's
 * delimiters, digits and line ends are ASCII, whose UTF-16 units have one byte 0x00, always the
 * second in little-endian and the first in big-endian. UTF-8 and Latin-1 text never holds a NUL, so
 * no text file in them is mistaken for UTF-16.
 */

export type Utf16Order = 'little-endian' | 'big-endian';

/** How much of a file's start the unmarked check reads: enough for its first lines. */
export const UTF16_SNIFF_BYTES = 4096;

/** The UTF-16 byte-order mark `firstBytes` open with. */
export function utf16Mark(firstBytes: Uint8Array | undefined): Utf16Order | undefined {
  if (firstBytes?.[0] === 0xff && firstBytes[1] === 0xfe) return 'little-endian';
  if (firstBytes?.[0] === 0xfe && firstBytes[1] === 0xff) return 'big-endian';
  return undefined;
}

/**
 * The byte order of UTF-16 text without a mark, or undefined when `firstBytes` are not that. Of its
 * first UTF16_SNIFF_BYTES taken as two-byte units: at least a quarter hold a 0x00 on one side only,
 * and that side outnumbers the other fourfold (CJK text is mostly units without one, and U+3000's
 * ideographic space has its 0x00 on the other side); no unit is U+0000, and almost none a control
 * character other than tab, line ends and form feed (a binary file's zeros fall anywhere).
 */
export function utf16Unmarked(firstBytes: Uint8Array | undefined): Utf16Order | undefined {
  if (!firstBytes) return undefined;
  const units = Math.min(firstBytes.length, UTF16_SNIFF_BYTES) >>> 1;
  if (units < 2) return undefined;
  let low = 0; // units whose second byte is 0x00: ASCII in little-endian
  let high = 0; // units whose first byte is 0x00: ASCII in big-endian
  for (let i = 0; i < units; i++) {
    const a = firstBytes[2 * i]!;
    const b = firstBytes[2 * i + 1]!;
    if (a === 0 && b === 0) return undefined;
    if (b === 0) low++;
    else if (a === 0) high++;
  }
  const order: Utf16Order | undefined = low >= units / 4 && low > 4 * high ? 'little-endian' : high >= units / 4 && high > 4 * low ? 'big-endian' : undefined;
  return order && fewControls(firstBytes, units, order) ? order : undefined;
}

/** The byte order of UTF-16 text, by its mark or, without one, by its bytes (utf16Unmarked). */
export const utf16Order = (firstBytes: Uint8Array | undefined): Utf16Order | undefined => utf16Mark(firstBytes) ?? utf16Unmarked(firstBytes);

/** True when at most 1 % of the first `units` units are control characters (tab, line ends and form feed are text). */
function fewControls(bytes: Uint8Array, units: number, order: Utf16Order): boolean {
  let controls = 0;
  for (let i = 0; i < units; i++) {
    const unit = order === 'little-endian' ? bytes[2 * i]! | (bytes[2 * i + 1]! << 8) : (bytes[2 * i]! << 8) | bytes[2 * i + 1]!;
    if (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d && unit !== 0x0c) controls++;
  }
  return controls <= units / 100;
}
