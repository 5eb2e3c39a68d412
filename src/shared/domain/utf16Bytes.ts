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
 * first UTF16_SNIFF_BYTES taken as two-byte units: at least one in 32, and at least 8 (a quarter of
 * a shorter head), hold a 0x00 on one side only (ASCII: a CSV's delimiters, digits and line ends,
 * even between long Cyrillic, Greek or Chinese cells), and that side outnumbers the other fourfold (CJK's U+3000 and U+4E00 have their 0x00 on the
 * other side); no unit is U+0000, almost none a control character other than tab, line ends and form
 * feed, and every surrogate is paired. A binary file fails one of these: its zeros fall on both sides
 * or pair up as U+0000, and random bytes (compressed data) hold unpaired surrogates.
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
  // One in 32, but at least 8 (a quarter of a head shorter than 32 units): a short UTF-8 file with a stray NUL is not UTF-16.
  const enough = Math.max(units / 32, Math.min(units / 4, 8));
  const order: Utf16Order | undefined = low >= enough && low > 4 * high ? 'little-endian' : high >= enough && high > 4 * low ? 'big-endian' : undefined;
  return order && readsAsText(firstBytes, units, order) ? order : undefined;
}

/** The byte order of UTF-16 text, by its mark or, without one, by its bytes (utf16Unmarked). */
export const utf16Order = (firstBytes: Uint8Array | undefined): Utf16Order | undefined => utf16Mark(firstBytes) ?? utf16Unmarked(firstBytes);

/**
 * True when the first `units` units read as text: at most 1 % are control characters (tab, line ends
 * and form feed are text), and each surrogate is paired (the head's last unit may begin a pair).
 */
function readsAsText(bytes: Uint8Array, units: number, order: Utf16Order): boolean {
  const unitAt = (i: number) => (order === 'little-endian' ? bytes[2 * i]! | (bytes[2 * i + 1]! << 8) : (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let controls = 0;
  for (let i = 0; i < units; i++) {
    const unit = unitAt(i);
    if (unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d && unit !== 0x0c) controls++;
    else if (unit >= 0xdc00 && unit <= 0xdfff) return false; // a low surrogate after no high one (pairs are skipped below)
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      if (i + 1 === units) break;
      const next = unitAt(++i);
      if (next < 0xdc00 || next > 0xdfff) return false;
    }
  }
  return controls <= units / 100;
}
