/**
 * File modes as people read and write them: the 10-character `drwxr-xr-x` form, and chmod's
 * octal and symbolic (`u+x,go-w,a=r`) changes. Plan 9's append-only and exclusive-use bits are
 * the symbolic letters `a` and `l` after the operator (`chmod +a log`), as in Plan 9's chmod.
 */
import { DMAPPEND, DMDIR, DMEXCL, DMNAMEDPIPE, DMSTICKY, PERM_MASK } from '../../kernel/types.ts'

const RWX = 'rwxrwxrwx'

/** `-rw-r--r--`, `drwxr-xr-x`, `prw-r--r--` (a named pipe), `drwxrwxrwt` (sticky, as GNU ls shows it: `T` without o+x). */
export function modeString(mode: number): string {
  let s = mode & DMDIR ? 'd' : mode & DMNAMEDPIPE ? 'p' : '-'
  for (let i = 0; i < 8; i++) s += mode & (0o400 >> i) ? RWX[i] : '-'
  if (mode & DMSTICKY) return s + (mode & 1 ? 't' : 'T')
  return s + (mode & 1 ? 'x' : '-')
}

export class ModeError extends Error {}

const WHO: Record<string, number> = { u: 0o700, g: 0o070, o: 0o007, a: 0o777 }

/**
 * The mode `spec` makes of `mode` (a full Plan 9 mode; DMDIR is kept). `isDir` is for `X`.
 * Without a who letter a clause applies to everyone but the bits set in `umask`, as chmod's.
 */
export function applyMode(spec: string, mode: number, isDir: boolean, umask = 0): number {
  if (/^[0-7]+$/.test(spec)) {
    if (spec.length > 4) throw new ModeError(spec)
    // Set-id bits do not exist here; an octal mode sets the permission and sticky bits.
    return (mode & ~(PERM_MASK | DMSTICKY)) | (parseInt(spec, 8) & (PERM_MASK | DMSTICKY))
  }
  let result = mode
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=](?:[ugo]|[rwxXalt]*))+)$/.exec(clause)
    if (!m) throw new ModeError(spec)
    let who = 0
    for (const c of m[1]!) who |= WHO[c]!
    if (who === 0) who = 0o777 & ~umask
    for (const action of m[2]!.matchAll(/([-+=])([ugo]|[rwxXalt]*)/g)) {
      const op = action[1]!
      const letters = action[2]!
      let bits = 0
      let special = 0
      if (/^[ugo]$/.test(letters)) {
        // copy another class's bits: g=u
        const shift = letters === 'u' ? 6 : letters === 'g' ? 3 : 0
        const rwx = (result >> shift) & 7
        bits = (rwx << 6) | (rwx << 3) | rwx
      } else {
        for (const c of letters) {
          if (c === 'r') bits |= 0o444
          else if (c === 'w') bits |= 0o222
          else if (c === 'x') bits |= 0o111
          else if (c === 'X') bits |= isDir || result & 0o111 ? 0o111 : 0
          else if (c === 'a') special |= DMAPPEND
          else if (c === 't') special |= DMSTICKY
          else special |= DMEXCL
        }
      }
      bits &= who
      if (op === '+') result |= bits | special
      else if (op === '-') result &= ~(bits | special)
      else result = (result & ~who) | bits | special
    }
  }
  return result
}
