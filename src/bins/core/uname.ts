/** uname: print system information. */
import { command, parseArgs } from '../lib.ts'
import { sysname } from '../util/sysname.ts'

/** The JavaScript host: Node's version or the browser's. */
function hostRuntime(): string {
  const g = globalThis as { process?: { versions?: { node?: string } }; navigator?: { userAgent?: string } }
  if (g.process?.versions?.node) return `node-${g.process.versions.node}`
  return g.navigator?.userAgent ? 'browser' : 'js'
}

export const uname = command({
  name: 'uname',
  usage: '[-asnrvmpio]',
  summary: 'print system information',
  help: '  -s kernel name  -n node name  -r release  -v version  -m machine  -p processor  -i platform  -o operating system  -a all',
  async run(proc) {
    const { flags } = parseArgs(proc.argv, 'asnrvmpio')
    const all = flags.a === true
    const fields: string[] = []
    const machine = hostRuntime()
    if (all || flags.s || Object.keys(flags).length === 0) fields.push('ninefold')
    if (all || flags.n) fields.push(sysname(proc))
    if (all || flags.r) fields.push('0.1.0')
    if (all || flags.v) fields.push('#1')
    if (all || flags.m) fields.push(machine)
    if ((!all && flags.p) || (!all && flags.i)) fields.push('unknown')
    if (all || flags.o) fields.push('Ninefold')
    await proc.stdout.write(fields.join(' ') + '\n')
    return 0
  },
})
