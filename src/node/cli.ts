/**
 * The `ninefold` command: reads its command line, then runs a login shell in a fresh system,
 * interactively, on COMMANDS (-c), on a host script file or on the script piped to standard
 * input, and exits with the shell's status.
 */
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { NineError } from '../kernel/errors.ts'
import { HELP, parseArgs, SYNOPSIS, UsageError, type Invocation } from './args.ts'
import { HostOutput } from './output.ts'

/** Runs the command line; resolves with the exit status once all output has reached the host. */
export async function main(argv: readonly string[]): Promise<number> {
  // nproc and getconf read the web's navigator.hardwareConcurrency, which Node has from 21 on
  const g = globalThis as { navigator?: { hardwareConcurrency?: number } }
  g.navigator ??= { hardwareConcurrency: availableParallelism() }
  const stdout = new HostOutput(process.stdout)
  const stderr = new HostOutput(process.stderr)
  try {
    return await run(argv, stdout, stderr)
  } catch (e) {
    if (!(e instanceof NineError)) throw e
    await stderr.write(`ninefold: ${e.message}\n`)
    return 1
  } finally {
    await Promise.all([stdout.flush(), stderr.flush()])
  }
}

const SHELLS: Record<string, string> = { sh: 'sh', dash: 'sh', ash: 'sh', ksh: 'sh', bash: 'bash' }

/**
 * The shell a host script's `#!` line asks for (`#!/bin/bash -e`, `#!/usr/bin/env bash`), with its
 * options; a script without one runs under sh. Any other interpreter is returned by name, as refused.
 */
function scriptShell(text: string): { name: string; options: string[] } | string {
  if (!text.startsWith('#!')) return { name: 'sh', options: [] }
  const lineEnd = text.indexOf('\n')
  let words = text.slice(2, lineEnd < 0 ? undefined : lineEnd).trim().split(/\s+/)
  if (words[0]?.endsWith('/env')) words = words.slice(1).filter((w) => w !== '-S')
  const interpreter = (words[0] ?? '').slice((words[0] ?? '').lastIndexOf('/') + 1)
  const name = SHELLS[interpreter]
  if (name === undefined) return interpreter
  return { name, options: words.slice(1).filter((w) => /^[-+]/.test(w)) }
}

async function run(argv: readonly string[], stdout: HostOutput, stderr: HostOutput): Promise<number> {
  let invocation: Invocation
  try {
    invocation = parseArgs(argv)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    await stderr.write(`ninefold: ${e.message}\n${SYNOPSIS}Try 'ninefold --help' for more information.\n`)
    return 2
  }
  if (invocation.kind === 'help') {
    await stdout.write(HELP)
    return 0
  }
  if (invocation.kind === 'version') {
    await stdout.write(`ninefold ${packageVersion()}\n`)
    return 0
  }
  let shellArgv = ['sh', '-l']
  if (invocation.kind === 'command') shellArgv = ['sh', '-l', '-c', invocation.command, ...invocation.args]
  if (invocation.kind === 'file') {
    let text: string
    try {
      text = readFileSync(invocation.file, 'utf8')
    } catch (e) {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT'
      await stderr.write(`ninefold: ${invocation.file}: ${missing ? 'No such file or directory' : (e as Error).message}\n`)
      return missing ? 127 : 126
    }
    const shell = scriptShell(text)
    if (typeof shell === 'string') {
      await stderr.write(`ninefold: ${invocation.file}: ${shell}: bad interpreter (ninefold runs sh and bash scripts)\n`)
      return 126
    }
    // the file is the host's, outside the namespace: its text is passed, to run as that file
    shellArgv = [shell.name, '-l', '--text-of-file', ...shell.options, '-c', text, invocation.file, ...invocation.args]
  }
  // Loaded only now: --help and --version need no system.
  const { runSession } = await import('./session.ts')
  return runSession({
    argv: shellArgv,
    ...(invocation.user === undefined ? {} : { user: invocation.user }),
    storage: invocation.storage,
    binds: invocation.binds,
    ...(invocation.listen === undefined ? {} : { listen: invocation.listen }),
    ...(invocation.imports === undefined ? {} : { imports: invocation.imports }),
    ...(invocation.allowNet === undefined ? {} : { allowNet: invocation.allowNet }),
    scriptFromConsole: invocation.kind === 'shell',
    stdout,
    stderr,
  })
}

/** The version in ninefold's package.json, found above this module (src/node or dist/src/node). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'ninefold' && pkg.version) return pkg.version
    } catch {
      // not here
    }
    const up = dirname(dir)
    if (up === dir) throw new Error('package.json not found')
    dir = up
  }
}
