/**
 * The interactive shell's command history, kept in a host file (~/.ninefold_history), oldest
 * line first. History is a convenience: a file that cannot be read or written is no history.
 */
import { readFileSync, writeFileSync } from 'node:fs'

export const HISTORY_SIZE = 1000

export class HistoryFile {
  constructor(readonly path: string) {}

  /** The saved lines, newest first (readline's order). */
  load(): string[] {
    try {
      const lines = readFileSync(this.path, 'utf8').split('\n').filter((l) => l !== '')
      return lines.slice(-HISTORY_SIZE).reverse()
    } catch {
      return []
    }
  }

  /** Replaces the file with `lines` (newest first, as readline reports them). */
  save(lines: readonly string[]): void {
    try {
      writeFileSync(this.path, lines.slice(0, HISTORY_SIZE).reverse().join('\n') + '\n', { mode: 0o600 })
    } catch {
      // no history this time
    }
  }
}
