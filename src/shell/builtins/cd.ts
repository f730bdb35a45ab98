/** cd. The working directory is the process's (proc.chdir); PWD and OLDPWD follow it. */
import { reasonOf } from '../../kernel/errors.ts'
import type { Builtin, ShellHost } from './builtin.ts'

export const cd: Builtin = {
  async run(sh, argv) {
    const state = sh.state
    const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P' || a === '--')))
    let dir: string | undefined = args[0]
    let print = false
    if (dir === undefined) {
      dir = state.get('HOME')
      if (dir === undefined || dir === '') {
        await sh.error('cd: HOME not set')
        return state.bash ? 1 : 2
      }
    } else if (dir === '-') {
      dir = state.get('OLDPWD')
      if (dir === undefined) {
        await sh.error('cd: OLDPWD not set')
        return state.bash ? 1 : 2
      }
      print = true
    }
    let used: string
    try {
      used = await changeDirectory(sh, dir)
    } catch (e) {
      await sh.error(`cd: ${dir}: ${reasonOf(e)}`)
      return state.bash ? 1 : 2
    }
    if (print || used !== dir) await sh.write(1, sh.proc.cwd + '\n')
    return 0
  },
}

/** Makes `dir` the working directory, or the first CDPATH entry holding it (which it returns); PWD and OLDPWD follow. Throws the first failure. */
export async function changeDirectory(sh: ShellHost, dir: string): Promise<string> {
  const state = sh.state
  const candidates = [dir]
  const cdpath = state.get('CDPATH')
  if (cdpath && !dir.startsWith('/') && !/^\.\.?(\/|$)/.test(dir)) {
    candidates.unshift(...cdpath.split(':').map((p) => (p === '' ? dir : `${p.replace(/\/$/, '')}/${dir}`)))
  }
  let error: unknown
  for (const c of candidates) {
    try {
      const old = sh.proc.cwd
      await sh.proc.chdir(c)
      // exported, as dash and bash do, so commands see where they run
      state.export('OLDPWD', old)
      state.export('PWD', sh.proc.cwd)
      return c
    } catch (e) {
      error ??= e
    }
  }
  throw error
}
