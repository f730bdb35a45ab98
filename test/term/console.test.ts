/**
 * The terminal console and its line editor, drawn on a real terminal emulator (xterm.js's
 * headless build): what the person sees after each key, and what the program reads.
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import xterm from '@xterm/headless'
import { TermConsole } from '../../src/term/console.ts'

const { Terminal } = xterm

function screen(cols = 40) {
  const term = new Terminal({ cols, rows: 10, allowProposedApi: true })
  let pending = Promise.resolve()
  const display = (text: string): void => {
    pending = pending.then(() => new Promise<void>((r) => term.write(text, r)))
  }
  const interrupts: number[] = []
  const suspends: number[] = []
  const saved: string[][] = []
  const cons = new TermConsole({
    display,
    columns: () => term.cols,
    interrupt: () => interrupts.push(1),
    suspend: () => suspends.push(1),
    complete: async (line) => {
      const word = line.slice(line.lastIndexOf(' ') + 1)
      const all = ['echo', 'env', 'exit', 'grep']
      return [all.filter((w) => w.startsWith(word)), word]
    },
    history: ['ls /', 'cat /etc/profile'],
    saveHistory: (lines) => saved.push([...lines]),
  })
  const lines = async (): Promise<string[]> => {
    await pending
    const out: string[] = []
    for (let i = 0; i < term.rows; i++) out.push(term.buffer.active.getLine(i)!.translateToString(true).trimEnd())
    while (out.length > 0 && out[out.length - 1] === '') out.pop()
    return out
  }
  const cursor = async (): Promise<[number, number]> => {
    await pending
    return [term.buffer.active.cursorX, term.buffer.active.cursorY]
  }
  const write = (text: string): void => void cons.write(new TextEncoder().encode(text))
  const readLine = async (): Promise<string> => new TextDecoder().decode(await cons.read(1000))
  return { cons, lines, cursor, write, readLine, interrupts, suspends, saved }
}

test('a prompt, typed text with edits, and the line the program reads', async () => {
  const t = screen()
  t.write('$ ')
  const got = t.readLine()
  t.cons.input('echo wrld')
  t.cons.input('\x1b[D\x1b[D\x1b[D') // three left
  t.cons.input('o')
  t.cons.input('\x01x \x05!') // Ctrl-A, insert "x ", Ctrl-E, "!"
  assert.deepEqual(await t.lines(), ['$ x echo world!'])
  t.cons.input('\r')
  assert.equal(await got, 'x echo world!\n')
  t.write('x echo world!\n')
  assert.deepEqual(await t.lines(), ['$ x echo world!', 'x echo world!'])
})

test('a line longer than the terminal wraps, and editing its start redraws every row', async () => {
  const t = screen(10)
  t.write('$ ')
  const got = t.readLine()
  t.cons.input('abcdefghijklmnopqrst') // 2 + 20 = 22 columns: three rows
  assert.deepEqual(await t.lines(), ['$ abcdefgh', 'ijklmnopqr', 'st'])
  t.cons.input('\x01') // to the start: the cursor goes back two rows
  assert.deepEqual(await t.cursor(), [2, 0])
  t.cons.input('XY')
  assert.deepEqual(await t.lines(), ['$ XYabcdef', 'ghijklmnop', 'qrst'])
  assert.deepEqual(await t.cursor(), [4, 0])
  t.cons.input('\x05\x08\x08\x08\x08') // to the end, four backspaces: back to two rows
  assert.deepEqual(await t.lines(), ['$ XYabcdef', 'ghijklmnop'])
  t.cons.input('\r')
  assert.equal(await got, 'XYabcdefghijklmnop\n')
})

test('history: up and down recall lines; a new line is saved', async () => {
  const t = screen()
  t.write('$ ')
  let got = t.readLine()
  t.cons.input('\x1b[A')
  assert.deepEqual(await t.lines(), ['$ cat /etc/profile'])
  t.cons.input('\x1b[A\x1b[A') // the oldest stays
  assert.deepEqual(await t.lines(), ['$ ls /'])
  t.cons.input('\x1b[B\x1b[B') // back to the line being typed (empty)
  assert.deepEqual(await t.lines(), ['$'])
  t.cons.input('date\r')
  assert.equal(await got, 'date\n')
  assert.deepEqual(t.saved.at(-1), ['ls /', 'cat /etc/profile', 'date'])
  t.write('$ ')
  got = t.readLine()
  t.cons.input('\x12cat') // Ctrl-R: search back
  assert.match((await t.lines()).join(''), /\(reverse-i-search\)'cat': cat \/etc\/profile/)
  t.cons.input('\r')
  assert.equal(await got, 'cat /etc/profile\n')
})

test('Tab completes the common start; a second Tab lists the candidates', async () => {
  const t = screen()
  t.write('$ ')
  const got = t.readLine()
  t.cons.input('gr\t')
  await new Promise((r) => setTimeout(r, 10))
  assert.deepEqual(await t.lines(), ['$ grep'])
  t.cons.input(' x; e\t')
  await new Promise((r) => setTimeout(r, 10))
  t.cons.input('\t')
  await new Promise((r) => setTimeout(r, 10))
  const shown = await t.lines()
  assert.match(shown[1]!, /echo +env +exit/)
  assert.equal(shown[2], '$ grep x; e')
  t.cons.input('c\t')
  await new Promise((r) => setTimeout(r, 10))
  t.cons.input('\r')
  assert.equal(await got, 'grep x; echo\n')
})

test('Ctrl-C interrupts and drops the line; the reader goes on waiting under a new prompt; Ctrl-D at an empty line is end of input', async () => {
  const t = screen()
  t.write('$ ')
  const got = t.readLine()
  t.cons.input('sleep 100')
  t.cons.input('\x03')
  assert.equal(t.interrupts.length, 1)
  assert.deepEqual(await t.lines(), ['$ sleep 100^C'])
  // the shell takes the signal and prompts again; the same read gets what is typed next
  t.write('$ ')
  t.cons.input('echo')
  assert.deepEqual(await t.lines(), ['$ sleep 100^C', '$ echo'])
  t.cons.input('\x15\x04') // Ctrl-U empties the line, Ctrl-D ends the input
  assert.equal(await got, '')
})

test('Ctrl-Z stops the foreground job: the line is abandoned with ^Z, type-ahead dropped', async () => {
  const t = screen()
  t.cons.input('ls\r') // typed ahead while a job runs
  t.cons.input('pw\x1a')
  assert.equal(t.suspends.length, 1)
  assert.equal(t.interrupts.length, 0)
  assert.deepEqual(await t.lines(), ['ls', 'pw^Z'])
  t.write('$ ')
  const got = t.readLine()
  t.cons.input('date\r')
  assert.equal(await got, 'date\n', 'the line typed ahead before Ctrl-Z is gone')
})

test('output while someone types goes above their line; type-ahead is read later', async () => {
  const t = screen()
  t.cons.input('ls\r') // typed while nothing reads
  t.cons.input('pw')
  t.write('done\n')
  assert.deepEqual(await t.lines(), ['ls', 'done', 'pw'])
  t.write('$ ')
  assert.equal(await t.readLine(), 'ls\n')
  assert.deepEqual(await t.lines(), ['ls', 'done', '$ pw'])
  const got = t.readLine()
  t.cons.input('d\r')
  assert.equal(await got, 'pwd\n')
})
