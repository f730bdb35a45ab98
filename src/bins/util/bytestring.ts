/** Bytes as a string of one char a byte (latin1), so text tools can split and compare any bytes without decoding them. */

export function bytesToByteString(bytes: Uint8Array): string {
  // pieces joined once, each made by apply (a typed array is array-like enough for it, and three
  // times faster than spread): 740 ms for 22 MB appended piece by piece with spread, 220 so
  const parts: string[] = []
  for (let i = 0; i < bytes.length; i += 8192) parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]))
  return parts.join('')
}

export function byteStringToBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}
