/**
 * The example tables of the JPEG standard (ITU T.81 Annex K): quantization in natural (row-major)
 * order, Huffman as the DHT segment gives them (code counts for lengths 1..16, then the symbols).
 */

export const LUMA_QUANT = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104,
  113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
]

export const CHROMA_QUANT = [
  17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99, ...new Array<number>(32).fill(99),
]

export interface HuffmanSpec {
  /** The DHT payload after the class/id byte: 16 counts, then the symbols. */
  readonly spec: Uint8Array
  /** Code and length of each symbol (index: symbol). */
  readonly codes: Uint16Array
  readonly lengths: Uint8Array
}

function huffman(counts: string, symbols: string): HuffmanSpec {
  const spec = hexBytes(counts + symbols)
  const codes = new Uint16Array(256)
  const lengths = new Uint8Array(256)
  let code = 0
  let k = 16
  for (let length = 1; length <= 16; length++) {
    for (let n = 0; n < spec[length - 1]!; n++) {
      const symbol = spec[k++]!
      codes[symbol] = code++
      lengths[symbol] = length
    }
    code <<= 1
  }
  return { spec, codes, lengths }
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2)
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16)
  return bytes
}

export const LUMA_DC: HuffmanSpec = huffman('00010501010101010100000000000000', '000102030405060708090a0b')
export const LUMA_AC: HuffmanSpec = huffman(
  '0002010303020403050504040000017d',
  '01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa',
)
export const CHROMA_DC: HuffmanSpec = huffman('00030101010101010101010000000000', '000102030405060708090a0b')
export const CHROMA_AC: HuffmanSpec = huffman(
  '00020102040403040705040400010277',
  '000102031104052131061241510761711322328108144291a1b1c109233352f0156272d10a162434e125f11718191a262728292a35363738393a434445464748494a535455565758595a636465666768696a737475767778797a82838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae2e3e4e5e6e7e8e9eaf2f3f4f5f6f7f8f9fa',
)
