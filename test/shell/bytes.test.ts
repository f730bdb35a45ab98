/**
 * Bytes are bytes: text decoded from bytes that are not UTF-8 keeps them (kernel/bytes.ts), so
 * variables, command substitution, read and printf hand back exactly the bytes they were given.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { decodeBytes, encodedLength, encodeText } from '../../src/kernel/bytes.ts'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

test('any bytes survive decoding and encoding', () => {
  for (let b = 0; b < 256; b++) assert.deepEqual(encodeText(decodeBytes(Uint8Array.of(b))), Uint8Array.of(b))
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      assert.deepEqual(encodeText(decodeBytes(bytes)), bytes)
    }),
  )
})

test('encodedLength counts the bytes encodeText makes: escaped bytes, pairs, lone surrogates', () => {
  for (const text of ['', 'ascii', 'héllo', '✓ ok', '😀x', '\udc80\udcff', '\ud800', 'a\udc00b', '\ud83d']) assert.equal(encodedLength(text), encodeText(text).length, JSON.stringify(text))
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => encodedLength(text) === encodeText(text).length))
})

test('valid UTF-8 decodes to its ordinary text; each invalid byte to one character', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), (text) => {
      assert.equal(decodeBytes(new TextEncoder().encode(text)), text)
    }),
  )
  // a real U+FFFD stays one; overlong forms and encoded surrogates are invalid bytes
  assert.equal(decodeBytes(Uint8Array.of(0xef, 0xbf, 0xbd)), '\ufffd')
  assert.equal(decodeBytes(Uint8Array.of(0x61, 0xff, 0x62)), 'a\udcffb')
  assert.equal(decodeBytes(Uint8Array.of(0xc0, 0x80)).length, 2)
  assert.equal(decodeBytes(Uint8Array.of(0xed, 0xa0, 0x80)).length, 3)
  assert.equal(decodeBytes(Uint8Array.of(0xe2, 0x82)).length, 2)
  // lone surrogates of other kinds are not bytes: they encode as U+FFFD, as TextEncoder does
  assert.deepEqual(encodeText('\ud800'), Uint8Array.of(0xef, 0xbf, 0xbd))
  assert.deepEqual(encodeText('\ud83d\ude00'), new TextEncoder().encode('😀'))
})

test('short texts, ASCII or not, encode as TextEncoder does, whatever their length', () => {
  // up to 64 units a text is tried as ASCII first; a longer one, or one with any other character, goes to the encoder
  const encoder = new TextEncoder()
  for (const text of ['', 'hi\n', 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), 'caf\u00e9', '\u007f\u0080', 'a'.repeat(40) + '\u00e9', '\u20ac']) {
    assert.deepEqual(encodeText(text), encoder.encode(text), JSON.stringify(text))
  }
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (text) => {
      assert.deepEqual(encodeText(text), encoder.encode(text))
    }),
  )
  assert.deepEqual(encodeText('a\udcffb'), Uint8Array.of(0x61, 0xff, 0x62))
})

test('the shell keeps bytes through substitution, variables, read and printf', async () => {
  await expectOut(run, `x=$(printf '\\377'); printf %s "$x" | wc -c`, '1\n')
  await expectOut(run, `x=$(printf 'a\\351b'); printf %s "$x" | od -An -tx1`, ' 61 e9 62\n')
  await expectOut(run, `printf '\\200\\n' > /tmp/b; read -r v < /tmp/b; printf '%s' "$v" | od -An -tx1`, ' 80\n')
  await expectOut(run, `printf -v v '\\376'; printf %s "$v" | wc -c`, '1\n')
  await expectOut(run, `export e=$(printf '\\377'); sh -c 'printf %s "$e"' | wc -c`, '1\n')
})
