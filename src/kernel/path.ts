/**
 * Plan 9 cleanname: make a path lexically canonical. Duplicate slashes go, `.` elements go,
 * and `..` removes the element before it (`..` at the root stays at the root).
 * Allocation-light: a path that is already clean is returned unchanged.
 */
export function cleanname(path: string): string {
  if (isClean(path)) return path
  const rooted = path.charCodeAt(0) === 47
  const out: string[] = []
  for (const el of path.split('/')) {
    if (el === '' || el === '.') continue
    if (el === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop()
      else if (!rooted) out.push('..')
      continue
    }
    out.push(el)
  }
  const joined = out.join('/')
  return rooted ? '/' + joined : joined === '' ? '.' : joined
}

// asked of every path a system call is given: searched for by the host's string search rather
// than a loop over its characters, which before the JIT has run cost more than the walk it preceded
function isClean(p: string): boolean {
  const n = p.length
  if (n === 0) return false
  if (n === 1) return true // "/" or a one-letter name ("." is clean too)
  if (p.charCodeAt(n - 1) === 47) return false
  if (p.includes('//') || p.includes('/./') || p.includes('/../')) return false
  // a "." or ".." element at either end
  return !(p === '..' || p.startsWith('./') || p.startsWith('../') || p.endsWith('/.') || p.endsWith('/..'))
}

/** Join a directory and a relative or absolute path, then clean. */
export function resolvePath(cwd: string, path: string): string {
  if (path.charCodeAt(0) === 47) return cleanname(path)
  return cleanname(cwd === '/' ? '/' + path : cwd + '/' + path)
}

/** Join a clean absolute directory path and one element. */
export function joinName(dir: string, name: string): string {
  return dir === '/' ? '/' + name : dir + '/' + name
}

export function basename(path: string): string {
  if (path === '/') return '/'
  const i = path.lastIndexOf('/')
  return i < 0 ? path : path.slice(i + 1)
}

export function dirname(path: string): string {
  const i = path.lastIndexOf('/')
  if (i < 0) return '.'
  if (i === 0) return '/'
  return path.slice(0, i)
}

/** A single path element a fileserver will accept as a name. */
export function validName(name: string): 'ok' | 'EBADCHAR' | 'ENAMETOOLONG' | 'ESYNTAX' {
  if (name === '' || name === '.' || name === '..') return 'ESYNTAX'
  if (name.length > 255) return 'ENAMETOOLONG'
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i)
    if (c === 47 || c < 32 || c === 127) return 'EBADCHAR'
  }
  return 'ok'
}
