/** Commands loaded on first use: the registry's loaders turned into what binfs installs. */
import { NineError } from '../kernel/errors.ts'
import type { BinFunction, LazyBin } from '../kernel/types.ts'

/** Imports the module a command lives in. */
export type CommandLoader = () => Promise<object>

/**
 * Each loader as a LazyBin whose command is the module's export of that name (command() names
 * its function after the command), so a registry line cannot install some other command.
 */
export function commandsFrom(loaders: Record<string, CommandLoader>): Record<string, LazyBin> {
  const bins: Record<string, LazyBin> = {}
  for (const [name, load] of Object.entries(loaders)) bins[name] = { load: async () => commandIn(await load(), name) }
  return bins
}

function commandIn(module: object, name: string): BinFunction {
  for (const value of Object.values(module)) if (typeof value === 'function' && value.name === name) return value as BinFunction
  throw new NineError('ENOEXEC', name, 'its module exports no command of that name')
}

/**
 * Code the shell loads the first time it is needed (a browser then fetches it after the first
 * prompt, not before). The module is kept once loaded: `import()` of a loaded module still goes
 * through the module loader (and its hooks) on every call, which cost a `[` in a loop ~0.7 ms.
 */
export class FirstUse<T> {
  private loaded: T | undefined
  private loading: Promise<T> | undefined
  constructor(private readonly load: () => Promise<T>) {}

  /** The module: at once when loaded, else a promise of it. */
  get(): T | Promise<T> {
    return this.loaded ?? (this.loading ??= this.load().then((m) => (this.loaded = m)))
  }

  /** The module, which an earlier get() has loaded (code that only runs after it did). */
  now(): T {
    if (this.loaded === undefined) throw new Error('a module used before it was loaded')
    return this.loaded
  }
}

/** A FirstUse as a function. */
export function onFirstUse<T>(load: () => Promise<T>): () => T | Promise<T> {
  const module = new FirstUse(load)
  return () => module.get()
}
