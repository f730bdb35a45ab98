/**
 * bash's `select`: a numbered menu on stderr, a line from stdin, until break or end of input.
 * Loaded the first time a script uses it, so a browser does not fetch it before the first prompt.
 */
import type { Select } from './ast.ts'
import { BreakSignal, ContinueSignal } from './errors.ts'
import { LineReader } from './input.ts'
import type { ShellHost } from './builtins/builtin.ts'
import type { ChildShell } from './processes.ts'

export async function select(sh: ShellHost & Pick<ChildShell, 'execList'>, cmd: Select): Promise<number> {
  const state = sh.state
  const values = cmd.words ? await sh.expander.fields(cmd.words) : state.positional.slice()
  if (values.length === 0) return 0
  const width = String(values.length).length
  const menu = values.map((v, i) => `${String(i + 1).padStart(width)}) ${v}\n`).join('')
  let status = 0
  let show = true
  state.loopDepth++
  try {
    for (;;) {
      if (show) await sh.write(2, menu)
      await sh.write(2, state.get('PS3') ?? '#? ')
      const fd = sh.io.get(0)
      const line = fd === undefined ? null : await new LineReader(sh.proc, fd, false).readLine()
      if (line === null) return status
      show = line === ''
      if (line === '') continue
      state.set('REPLY', line)
      const n = /^[0-9]+$/.test(line.trim()) ? Number(line.trim()) : 0
      state.set(cmd.name, n >= 1 && n <= values.length ? values[n - 1]! : '')
      try {
        status = await sh.execList(cmd.body)
        if (sh.returning !== undefined) return status
      } catch (e) {
        if (e instanceof BreakSignal) {
          if (--e.levels > 0) throw e
          return 0
        }
        if (e instanceof ContinueSignal) {
          if (--e.levels > 0) throw e
          continue
        }
        throw e
      }
    }
  } finally {
    state.loopDepth--
  }
}
