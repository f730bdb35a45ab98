/** bin/ninefold run as a user runs it: a child process with piped standard streams. */
import { spawn } from 'node:child_process'

export const BIN = new URL('../../bin/ninefold', import.meta.url).pathname

export interface Result {
  stdout: string
  stderr: string
  status: number | null
}

/** Runs bin/ninefold itself (its #! line) with `env` added to ours and `input` on standard input. */
export function runNinefold(args: string[], env: Record<string, string>, input = ''): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => resolve({ stdout, stderr, status }))
    child.stdin.on('error', () => {}) // it may exit before reading everything
    child.stdin.end(input)
  })
}
