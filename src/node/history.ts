/**
 * The interactive shell's command history, kept in a host file (~/.ninefold_history), oldest
 * line first. History is a convenience: a file that cannot be read or written is no history.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { HISTORY_SIZE } from '../term/editor.ts'

export class HistoryFile {
  constructor(readonly path: string) {}

  /** The saved lines, oldest first. */
  load(): string[] {
    try {
      const lines = readFileSync(this.path, 'utf8').split('\n').filter((l) => l !== '')
      return lines.slice(-HISTORY_SIZE)
    } catch {
      return []
    }
  }

  /** Replaces the file with `lines` (oldest first). */
  save(lines: readonly string[]): void {
    try {
      writeFileSync(this.path, lines.slice(-HISTORY_SIZE).join('\n') + '\n', { mode: 0o600 })
    } catch {
      // no history this time
    }
  }
}
