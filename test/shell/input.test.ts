/**
 * The shell's line reader over a seekable file, with a process whose calls that answer at once
 * (seekNow, readNow) decline at chosen moments, as they do when its time slice runs out: every
 * line is read once, in order, whichever call declines.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { ProcContext } from '../../src/kernel/types.ts'
import { LineReader } from '../../src/shell/input.ts'

/** A file of `text` on descriptor 3; the n-th call at once (counting from 0) declines where `declines(n)`. */
function fileProc(text: string, declines: (n: number) => boolean): ProcContext {
  const data = new TextEncoder().encode(text)
  let offset = 0
  let calls = 0
  const seekTo = (off: number, whence: number): number => (offset = (whence === 0 ? 0 : whence === 1 ? offset : data.length) + off)
  const readAt = (count: number, into?: Uint8Array): Uint8Array => {
    const bytes = data.subarray(offset, Math.min(data.length, offset + count))
    offset += bytes.length
    if (into === undefined || into.length < bytes.length) return bytes.slice()
    into.set(bytes)
    return into.subarray(0, bytes.length)
  }
  const proc = {
    isatty: () => false,
    seekNow: (_fd: number, off: number, whence: number) => (declines(calls++) ? undefined : seekTo(off, whence)),
    readNow: (_fd: number, count: number, into?: Uint8Array) => (declines(calls++) ? undefined : readAt(count, into)),
    seek: async (_fd: number, off: number, whence: number) => seekTo(off, whence),
    read: async (_fd: number, count: number) => readAt(count),
  }
  return proc as unknown as ProcContext
}

async function allLines(proc: ProcContext): Promise<string[]> {
  const reader = new LineReader(proc, 3, false)
  const lines: string[] = []
  for (let line = await reader.readLine(); line !== null; line = await reader.readLine()) lines.push(line)
  return lines
}

const long = 'x'.repeat(300)
const text = `first\n${long}\nthird\nlast`

test('lines of a file come once each, in order, wherever a call that answers at once declines', async () => {
  const want = ['first', long, 'third', 'last']
  assert.deepEqual(await allLines(fileProc(text, () => false)), want)
  for (let n = 0; n < 40; n++) assert.deepEqual(await allLines(fileProc(text, (k) => k === n)), want, `the call numbered ${n} declined`)
  for (let every = 2; every < 6; every++) assert.deepEqual(await allLines(fileProc(text, (k) => k % every === 1)), want, `every ${every}th call declined`)
})
