/**
 * The jq engine: the real jq, compiled to WebAssembly (the `jq-web` package), loaded the first
 * time a jq process runs. One call runs one whole jq invocation on a string and answers its
 * exit status, standard output and standard error.
 *
 * The package hands back standard output only when jq exits 0 and prints warnings with
 * console.warn, so the program is wrapped: each input's errors are caught inside jq and
 * printed as marker records, which also carry the truth of each output when -e or -j needs it.
 */

export interface JqRun {
  status: number
  stdout: string
  stderr: string
}

interface JqWeb {
  raw(input: string, filter: string, flags: string[]): string | undefined
}

let engine: Promise<JqWeb> | undefined

function load(): Promise<JqWeb> {
  // the package's export is a promise of the instantiated module
  engine ??= import('jq-web').then((m: { default: Promise<JqWeb> }) => m.default)
  return engine
}

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

/** Runs jq: `flags` are jq's own command-line flags (no file operands), `input` the whole input text. */
export async function runJq(input: string, filter: string, flags: string[], options: JqOptions): Promise<JqRun> {
  const jq = await load()
  const engineFlags = options.nullInput ? flags : ['-n', ...flags]
  let first = call(jq, input, wrap(filter, options), engineFlags)
  // a compile error would quote the wrapped program: compile the user's own for the message
  if (first.status === 3) first = call(jq, '', filter, ['-n', ...flags])
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

function call(jq: JqWeb, input: string, program: string, flags: string[]): JqRun {
  // debug and stderr reach console.warn; the call is synchronous, so borrowing it is safe
  const warn = console.warn
  let stderr = ''
  console.warn = (...args: unknown[]) => {
    stderr += `${String(args[args.length - 1])}\n`
  }
  try {
    // the package rewrites its flags array in place
    return { status: 0, stdout: jq.raw(input, program, [...flags]) ?? '', stderr }
  } catch (e) {
    const err = e as { exitCode?: number; stderr?: string; message?: string }
    const message = err.stderr ?? (err.exitCode === undefined ? String(err.message ?? e) : '')
    return { status: err.exitCode ?? 5, stdout: '', stderr: stderr + (message ? `${message.replace(/^undefined/, '')}\n` : '') }
  } finally {
    console.warn = warn
  }
}
