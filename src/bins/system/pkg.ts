import { isPackagesCapable, type PackageSummary } from '../../extension.ts'
import { NineError } from '../../kernel/errors.ts'
import { command, failWith, parseArgs, UsageError } from '../lib.ts'

function describe(p: PackageSummary): string {
  const lines = [`name\t${p.name}`, `status\t${p.installed ? 'installed' : 'available'}`, `source\t${p.source}`, `about\t${p.description}`]
  if (p.installed) {
    lines.push(`bins\t${p.bins.join(' ')}`, `mounts\t${p.mounts.join(' ')}`, `services\t${p.services.join(' ')}`)
  }
  return lines.join('\n') + '\n'
}

export const pkg = command({
  name: 'pkg',
  usage: 'install NAME|PATH | remove NAME | list | info NAME',
  summary: 'install, remove and list packages',
  help: `  install NAME   install a package from the catalogue (pkg list shows it)
  install PATH   install a host ES module whose default export returns an Extension (root only)
  remove NAME    remove an installed package
  list           installed and available packages
  info NAME      what a package provides`,
  async run(proc) {
    const { operands } = parseArgs(proc.argv, '')
    const [verb, arg, ...rest] = operands
    if (!isPackagesCapable(proc)) throw new NineError('ENOTIMPL', 'pkg', 'packages in this system')
    const pkgs = proc.packages
    if (verb === 'list' && arg === undefined) {
      for (const p of await pkgs.list()) await proc.stdout.write(`${p.name}\t${p.installed ? 'installed' : 'available'}\t${p.description}\n`)
      return 0
    }
    if (arg === undefined || rest.length > 0) throw new UsageError('one package name expected')
    try {
      switch (verb) {
        case 'install': {
          const p = await pkgs.install(arg)
          await proc.stdout.write(`installed ${p.name}${p.bins.length ? `: ${p.bins.join(' ')}` : ''}\n`)
          return 0
        }
        case 'remove':
          await pkgs.remove(arg)
          await proc.stdout.write(`removed ${arg}\n`)
          return 0
        case 'info': {
          const p = await pkgs.info(arg)
          if (p === undefined) {
            await proc.stderr.write(`pkg: ${arg}: no such package\n`)
            return 1
          }
          await proc.stdout.write(describe(p))
          return 0
        }
        default:
          throw new UsageError(`unknown verb ${verb ?? ''}`)
      }
    } catch (e) {
      if (e instanceof UsageError) throw e
      await failWith(proc, 'pkg', e, arg)
      return 1
    }
  },
})
