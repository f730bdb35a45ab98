/**
 * Code the shell loads the first time it is needed (a browser then fetches it after the first
 * prompt, not before). The module is kept once loaded: `import()` of a loaded module still goes
 * through the module loader (and its hooks) on every call, which cost a `[` in a loop ~0.7 ms.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => T | Promise<T> {
  let loaded: T | undefined
  let loading: Promise<T> | undefined
  return () => loaded ?? (loading ??= load().then((m) => (loaded = m)))
}
