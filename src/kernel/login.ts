/**
 * A login's clone flags, apart from the letters that spell flags (nsflags.ts): a login is made
 * at every run, and the letters' tables are wanted only by the commands that read them.
 */
import type { RforkFlags } from './types.ts'

/** The flags of a login that asks for none (most runs): one object, read only. */
const LOGIN_FORK: RforkFlags = Object.freeze({ copyNamespace: true })

/**
 * A login's clone flags: its own namespace, a copy of the system namespace (which keeps receiving
 * init's mounts), unless it asks for a clean one.
 */
export function loginFork(flags: RforkFlags | undefined): RforkFlags {
  if (flags === undefined) return LOGIN_FORK
  return flags.cleanNamespace ? flags : { ...flags, copyNamespace: true }
}
