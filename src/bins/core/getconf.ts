/**
 * getconf: the system's configuration values, as POSIX names them. The limits are this process's
 * (kernel/limits.ts), so a sandbox sees its own; "undefined" is POSIX's word for no fixed limit.
 * Path variables (NAME_MAX, PATH_MAX) take a path, as GNU's do; ninefold's files set no limit on
 * either (a 9P name may be 65535 bytes), so both are undefined.
 */
import type { ProcContext } from '../../kernel/types.ts'
import { reasonOf } from '../../kernel/errors.ts'
import { DEFAULT_PATH } from '../../kernel/types.ts'
import { command } from '../lib.ts'
import { processorCount } from '../util/processors.ts'

const USAGE = 'Usage: getconf [-v specification] variable_name [pathname]\n       getconf -a [pathname]\n'

/** A limit as getconf prints it. */
const limit = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? 'undefined' : String(n))

/** The system-wide variables, in the order -a lists them. */
const SYSTEM: Record<string, (proc: ProcContext) => string> = {
  ARG_MAX: (proc) => limit(proc.limits?.argvBytes),
  CHAR_BIT: () => '8',
  CHILD_MAX: (proc) => limit(proc.limits?.processes),
  INT_MAX: () => '2147483647',
  INT_MIN: () => '-2147483648',
  // the shell's arithmetic is 64-bit, as bash's and dash's
  LONG_BIT: () => '64',
  OPEN_MAX: (proc) => limit(proc.limits?.fds),
  // no memory pages to speak of: the unit stat and du count blocks in
  PAGESIZE: () => '4096',
  PAGE_SIZE: () => '4096',
  PATH: () => DEFAULT_PATH,
  _NPROCESSORS_CONF: () => String(processorCount()),
  _NPROCESSORS_ONLN: () => String(processorCount()),
}

/** The variables that describe a file system, asked of a path. */
const PATHS: Record<string, string> = { NAME_MAX: 'undefined', PATH_MAX: 'undefined' }

export const getconf = command({
  name: 'getconf',
  usage: '[-v specification] variable_name [pathname] | -a [pathname]',
  summary: 'print configuration values',
  help: `  -a  every variable and its value\n  variables: ${[...Object.keys(SYSTEM), ...Object.keys(PATHS)].join(' ')}`,
  async run(proc) {
    let args = proc.argv.slice(1)
    // -v names the specification the values are for; there is one here
    if (args[0] === '-v' && args.length > 1) args = args.slice(2)
    else if (args[0]?.startsWith('-v') === true && args[0].length > 2) args = args.slice(1)
    if (args[0] === '-a' && args.length <= 2) {
      let out = ''
      for (const [name, value] of Object.entries(SYSTEM)) out += `${name.padEnd(35)}${value(proc)}\n`
      if (args.length === 2) for (const [name, value] of Object.entries(PATHS)) out += `${name.padEnd(35)}${value}\n`
      await proc.stdout.write(out)
      return 0
    }
    const [name, path, extra] = args
    if (name === undefined || extra !== undefined || name.startsWith('-')) {
      await proc.stderr.write(USAGE)
      return 2
    }
    if (path === undefined ? !Object.hasOwn(SYSTEM, name) : !Object.hasOwn(PATHS, name)) {
      const known = Object.hasOwn(SYSTEM, name) || Object.hasOwn(PATHS, name)
      await proc.stderr.write(known ? USAGE : `getconf: Unrecognized variable \`${name}'\n`)
      return 2
    }
    if (path === undefined) {
      await proc.stdout.write(`${SYSTEM[name]!(proc)}\n`)
      return 0
    }
    try {
      await proc.stat(path)
    } catch (e) {
      await proc.stderr.write(`getconf: pathconf: ${path}: ${reasonOf(e)}\n`)
      return 3
    }
    await proc.stdout.write(`${PATHS[name]}\n`)
    return 0
  },
})
