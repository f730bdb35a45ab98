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

// asked of every path a system call is given: one pass over its characters (the string searches
// it replaced, seven of them, cost twice as much once compiled)
function isClean(p: string): boolean {
  const n = p.length
  if (n === 0) return false
  let prev = 47 // as if after a slash: the first character starts an element
  for (let i = 0; i < n; i++) {
    const c = p.charCodeAt(i)
    if (prev === 47) {
      // "//", or an element "." or ".." (the path "." alone is clean)
      if (c === 47 && i > 0) return false
      if (c === 46) {
        const d = i + 1 < n ? p.charCodeAt(i + 1) : 47
        if (d === 47 || (d === 46 && (i + 2 >= n || p.charCodeAt(i + 2) === 47))) return n === 1
      }
    }
    prev = c
  }
  return n === 1 || prev !== 47
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
