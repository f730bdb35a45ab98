/**
 * Substitutions through a text, and how a long one leaves the host its turns.
 *
 * JavaScript cannot be interrupted inside a call: one `gsub(/a/, "aa")` over 32 million
 * characters held the host for 15 s. So a long text is walked a stretch at a time, with a turn
 * for the host (if its time has come) between stretches and after the last. A short text is
 * walked at once, with no promise.
 */
import type { ProcContext } from '../../kernel/types.ts'
import type { Regex, RegexMatch } from './regex.ts'
import { TextBuilder } from './textbuilder.ts'

/** Texts from this long are walked in stretches. */
export const LONG_TEXT = 1 << 20
/** Characters of text between two offers of a turn. */
const STRETCH = 1 << 18

/**
 * Runs a walk through a long text a stretch at a time: `run(until)` takes the matches that start
 * before `until` and says whether it is done.
 */
export async function inStretches(run: (until: number) => boolean, proc: ProcContext): Promise<void> {
  for (let until = STRETCH; !run(until); until += STRETCH) await proc.yield()
  // one match may have been the whole text: the work after it waits its turn too
  await proc.yield()
}

/**
 * The matches of a regular expression through a text as sed's s and awk's sub, gsub and gensub
 * take them: left to right, each search from where the last match ended, and an empty match
 * right where the last one ended passed over (GNU's rule: `abc` with every run of `b`, empty or
 * not, made `x` is `xaxcx`). A subclass says what each match becomes (`take`); the new text is
 * built in `out`. One serves a command's every
 * substitution in turn (`begin`), so a line costs no new object where nothing matches.
 */
export abstract class Substitution {
  /** Made at the first match taken. */
  protected out: TextBuilder | undefined
  private last = 0
  private text = ''
  private re: Regex | undefined
  private from = 0
  private prevEnd = -1
  /** A match found at or past the end of the last stretch: the next stretch's to take. */
  private ahead: RegexMatch | undefined

  /** Starts a substitution of `re` through `text`. */
  protected begin(re: Regex, text: string): void {
    this.re = re
    this.text = text
    this.out = undefined
    this.last = 0
    this.from = 0
    this.prevEnd = -1
    this.ahead = undefined
  }

  /** What the match becomes (added to `out`, where the text before it already is); false once no more are wanted. */
  protected abstract take(m: RegexMatch, out: TextBuilder): boolean

  /** Walks the whole text: at once, or a long one in stretches, in a promise. */
  walk(proc: ProcContext): Promise<void> | undefined {
    if (this.text.length < LONG_TEXT) {
      this.walkUntil(Infinity)
      return undefined
    }
    return inStretches((until) => this.walkUntil(until), proc)
  }

  /** The new text, or undefined if no match was taken. */
  result(): string | undefined {
    const out = this.out
    let made: string | undefined
    if (out !== undefined) {
      out.add(this.text.slice(this.last))
      made = out.text()
    }
    this.end()
    return made
  }

  /** Lets go of the text and what was made of it. */
  protected end(): void {
    this.re = undefined
    this.text = ''
    this.out = undefined
    this.ahead = undefined
  }

  private walkUntil(until: number): boolean {
    const text = this.text
    for (;;) {
      const m = this.ahead ?? (this.from <= text.length ? this.re!.exec(text, this.from) : undefined)
      if (m === undefined) return true
      if (m.start >= until) {
        this.ahead = m
        return false
      }
      this.ahead = undefined
      const empty = m.start === m.end
      this.from = empty ? m.end + 1 : m.end
      if (empty && m.start === this.prevEnd) continue
      this.prevEnd = m.end
      const out = (this.out ??= new TextBuilder())
      out.add(text.slice(this.last, m.start))
      this.last = m.end
      if (!this.take(m, out)) return true
    }
  }
}
