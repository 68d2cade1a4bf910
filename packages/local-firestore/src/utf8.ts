/**
 * Compares strings by their UTF-8 bytes, which is Firestore's string order. UTF-8 byte order equals
 * code point order; JavaScript's `<` compares UTF-16 units, which differs once a surrogate pair
 * (U+10000 and up) meets a character in U+E000..U+FFFF.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;
    if (!isSurrogate(x) && !isSurrogate(y)) return x - y;
    return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
  }
  return a.length - b.length;
}

/** Firestore's storage size of a string: its UTF-8 bytes plus one. */
export function stringSize(s: string): number {
  return Buffer.byteLength(s, "utf8") + 1;
}
