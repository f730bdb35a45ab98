/**
 * What the shell throws to itself: syntax errors from the parser, run-time errors that abort
 * the current command, and the control-flow signals (break, continue, exit; `return` unwinds without throwing, see Shell.returning).
 */

/** A syntax error. `incomplete` means the input ended where more was needed (read another line). */
export class ShellSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
    readonly incomplete: boolean,
    /** The text of the line it is on, which bash shows after the message. */
    readonly lineText = '',
  ) {
    super(`line ${line}: syntax error: ${detail}`)
  }
}

/** A run-time error: print the message; a non-interactive shell exits with `status`. */
export class ShellError extends Error {
  constructor(
    message: string,
    readonly status = 2,
    /** false: abandons the command line only, even in a script (bash's read-only assignments). */
    readonly fatal = true,
  ) {
    super(message)
  }

  /** Printed already: where a compound command's redirections were still in place (`{ …; } 2>&1`). */
  reported = false
}

/** An error in an arithmetic expression: it ends a dash script; bash abandons the command line with status 1 and goes on. */
export class ArithError extends ShellError {}

export class BreakSignal {
  constructor(public levels: number) {}
}

export class ContinueSignal {
  constructor(public levels: number) {}
}

export class ExitSignal {
  constructor(readonly status: number) {}
}

/** Ctrl-C at an interactive shell busy with its own code (a builtin loop): abandon the command line. */
export class InterruptSignal extends Error {}
