/**
 * A builtin's options as bash's builtins read them: words of letters after `-`, up to `--` or the
 * first operand; a letter of `valued` takes the rest of its word, or else the next word. `take`
 * is told each letter (and its value) and returns an error message to stop at. The result is the
 * index of the first operand, or the message (without the builtin's name).
 */
export function builtinOptions(argv: readonly string[], valued: string, take: (letter: string, value: string | undefined) => string | undefined): number | string {
  let i = 1
  for (; i < argv.length && argv[i]!.startsWith('-') && argv[i] !== '-'; i++) {
    const a = argv[i]!
    if (a === '--') return i + 1
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!
      if (!valued.includes(c)) {
        const error = take(c, undefined)
        if (error !== undefined) return error
        continue
      }
      const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i]
      if (value === undefined) return `-${c}: option requires an argument`
      const error = take(c, value)
      if (error !== undefined) return error
      break
    }
  }
  return i
}
