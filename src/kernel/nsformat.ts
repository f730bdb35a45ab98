/**
 * The text of /proc/<pid>/ns and of `ns`, as namespace(6) reads it: one line per mount member in the
 * order they were made, then `cd dir`. Replayed as a script, it rebuilds the namespace.
 */
import type { Member, MountPoint, Namespace } from './namespace.ts'
import { lettersOf } from './nsflags.ts'

/** rc quoting: a word with specials goes in single quotes, a quote doubled. */
export function rcQuote(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_./:@%+,-]+$/.test(word)) return word
  return `'${word.replace(/'/g, "''")}'`
}

/**
 * A mount point's first line prints without -b/-a: replayed, a first union bind would add the
 * covered directory as a member, which is not there when an unmount has taken it away.
 */
function flagsOf(m: Member, first: boolean): string {
  const letters = lettersOf({ before: !first && m.order === 'before', after: !first && m.order === 'after', create: m.create, readonly: m.readonly })
  return letters === '' ? '' : '-' + letters + ' '
}

export function formatNs(ns: Namespace, cwd: string): string {
  let out = ''
  const seen = new Set<MountPoint>()
  for (const { mount, member } of ns.members()) {
    const flags = flagsOf(member, !seen.has(mount))
    seen.add(mount)
    const src = member.source
    if (src.type === 'mount') {
      out += `mount ${flags}${rcQuote(src.srv)} ${rcQuote(mount.name)}${src.spec ? ' ' + rcQuote(src.spec) : ''}\n`
    } else {
      out += `bind ${flags}${rcQuote(src.path)} ${rcQuote(mount.name)}\n`
    }
  }
  return out + `cd ${rcQuote(cwd)}\n`
}
