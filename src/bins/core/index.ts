/** The core commands (issue 3), one a file. Each helper adds its imports and entries here. */
import type { BinFunction } from '../../kernel/types.ts'
// --- imports: file commands ---
// --- imports: text and process commands ---

export const coreBins: Record<string, BinFunction> = {
  // --- entries: file commands ---
  // --- entries: text and process commands ---
}
