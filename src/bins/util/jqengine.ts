/**
 * jq's command line over the engine (jqcall.ts: the real jq, compiled to WebAssembly). The
 * package hands back standard output only when jq exits 0 and prints warnings with
 * console.warn, so the program is wrapped: each input's errors are caught inside jq and
 * printed as marker records, which also carry the truth of each output when -e or -j needs it.
 */

import type { JqCall, JqRun } from './jqcall.ts'

/** Marker records: U+0001, `nf:`, a kind, a payload, U+0002. */
const MARK = '\\u0001nf:'
const END = '\\u0002'
/** Raw (-r, -j) and JSON-encoded forms of a marker as it appears in the output. */
const MARKER = /\x01nf:([EPTF])(.*?)\x02\n?|"\\u0001nf:([EPTF])((?:[^"\\]|\\.)*?)\\u0002"\n?/g
/** Builtins this build of jq lacks that Debian's and scripts still use. */
const COMPAT = 'def leaf_paths: paths(scalars); '

export interface JqOptions {
  /** -n: the filter runs once on null and reads inputs itself. */
  nullInput: boolean
  /** -e: the status tells whether the last output was true. */
  exitStatus: boolean
  /** -j: outputs are not followed by newlines, so the last one's own newline must survive. */
  join: boolean
}

function wrap(filter: string, options: JqOptions): string {
  const perOutput = options.exitStatus || options.join
  const body = perOutput
    ? `(${filter}\n) | ., "${MARK}" + (if . == false or . == null then "F" else "T" end) + "${END}"`
    : `${filter}\n`
  const guarded = `try (${body}) catch ("${MARK}E" + tojson + "${END}")`
  if (options.nullInput) return COMPAT + guarded
  // jq reads the inputs through `inputs` (run with -n), so that a parse error is caught too
  const marked = `(try inputs catch ("${MARK}P" + tojson + "${END}"))`
  return `${COMPAT}${marked} | if type == "string" and startswith("\u0001nf:P") then . else ${guarded} end`
}

/** Formats an error value the way jq reports it. */
function errorLine(value: unknown): string {
  return typeof value === 'string' ? `jq: error (at <stdin>): ${value}\n` : `jq: error (at <stdin>) (not a string): ${JSON.stringify(value)}\n`
}

/**
 * Runs jq: `flags` are jq's own command-line flags (no file operands), `input` the whole input
 * text; `call` runs one invocation of the engine (in a worker, or in this thread).
 */
export async function runJq(input: string, filter: string, flags: string[], options: JqOptions, call: JqCall): Promise<JqRun> {
  const engineFlags = options.nullInput ? flags : ['-n', ...flags]
  let first = await call({ input, program: wrap(filter, options), flags: engineFlags })
  // a compile error would quote the wrapped program: compile the user's own for the message
  if (first.status === 3) first = await call({ input: '', program: filter, flags: ['-n', ...flags] })
  if (first.status !== 0) return first
  let stderr = first.stderr
  let errors = 0
  let unparsable = false
  let outputs = 0
  let lastTrue = false
  const raw = first.stdout
  // the package drops the output's final newline; every record ends with one unless -j
  const text = raw !== '' && !options.join ? raw + '\n' : raw
  const stdout = text.replace(MARKER, (_m, rawKind: string | undefined, rawPayload: string, jsonKind: string | undefined, jsonPayload: string) => {
    const kind = rawKind ?? jsonKind
    if (kind === 'E' || kind === 'P') {
      const payload = JSON.parse(rawKind !== undefined ? rawPayload : (JSON.parse(`"${jsonPayload}"`) as string)) as unknown
      if (kind === 'P') {
        unparsable = true
        stderr += `jq: parse error: ${String(payload)}\n`
      } else {
        errors++
        stderr += errorLine(payload)
      }
    } else {
      outputs++
      lastTrue = kind === 'T'
    }
    return ''
  })
  let status = 0
  if (unparsable) status = 2
  else if (errors > 0) status = 5
  else if (options.exitStatus) status = outputs === 0 ? 4 : lastTrue ? 0 : 1
  return { status, stdout, stderr }
}
