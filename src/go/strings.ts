/**
 * Go's string order: byte-wise on UTF-8, which is code point order. JavaScript compares UTF-16 code units,
 * which disagrees for characters above U+FFFF against U+E000..U+FFFF, so label sorting, sort_by_label and
 * template comparisons all go through this one function.
 */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Move surrogates above the rest of the BMP so the order becomes code point order.
    x = x >= 0xe000 ? x - 0x800 : x >= 0xd800 ? x + 0x2000 : x;
    y = y >= 0xe000 ? y - 0x800 : y >= 0xd800 ? y + 0x2000 : y;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
