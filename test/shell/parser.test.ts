/** The shell's parser: the tree it builds, its syntax errors, and that no input crashes it. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { Parser, parseScript } from '../../src/shell/parser.ts'
import { ShellSyntaxError } from '../../src/shell/errors.ts'
import type { Command, List, SimpleCommand, Word } from '../../src/shell/ast.ts'

const first = (l: List): Command => l.items[0]!.command.first.commands[0]!
const simple = (src: string): SimpleCommand => first(parseScript(src)) as SimpleCommand

function syntaxError(src: string, final = true): ShellSyntaxError {
  try {
    new Parser(src, 0, { final, baseLine: 1 }).all()
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e
    throw e
  }
  assert.fail(`no syntax error for ${JSON.stringify(src)}`)
}

test('simple commands: words, assignments and redirections', () => {
  const c = simple('A=1 B=x echo hi >out 2>&1 <in')
  assert.deepEqual(c.assigns.map((a) => a.name), ['A', 'B'])
  assert.deepEqual(c.words.map((w) => w.literal), ['echo', 'hi'])
  assert.deepEqual(c.redirs.map((r) => [r.fd, r.op, r.target.literal]), [[1, '>', 'out'], [2, '>&', '1'], [0, '<', 'in']])
})

test('quoting becomes word parts', () => {
  const w = simple(`echo 'a b'"c $x"d\\ e`).words[1]!
  assert.deepEqual(w.parts.map((p) => p.type), ['quoted', 'dquote', 'lit', 'quoted', 'lit'])
  assert.equal(w.literal, undefined)
})

test('parameter expansions in braces', () => {
  const parts = (src: string): Word['parts'] => simple(`echo ${src}`).words[1]!.parts
  assert.deepEqual(parts('${x:-a b}')[0], { type: 'param', name: 'x', op: '-', colon: true, word: { parts: [{ type: 'lit', text: 'a b' }], literal: 'a b' } })
  assert.deepEqual(parts('${#x}')[0], { type: 'param', name: 'x', length: true })
  assert.equal((parts('${x%%.*}')[0] as { op: string }).op, '%%')
  assert.equal((parts('${10}')[0] as { name: string }).name, '10')
  assert.equal((parts('${x/a/b}')[0] as { op: string }).op, '/')
  assert.equal(syntaxError('echo ${x;}').detail, 'bad substitution')
})

test('pipelines, and-or lists, background and negation', () => {
  const l = parseScript('! a | b && c || d &')
  const ao = l.items[0]!
  assert.equal(ao.async, true)
  assert.equal(ao.command.first.negate, true)
  assert.equal(ao.command.first.commands.length, 2)
  assert.deepEqual(ao.command.rest.map((r) => r.op), ['&&', '||'])
  assert.equal(ao.command.text, '! a | b && c || d')
})

test('compound commands', () => {
  const types = (src: string): string => first(parseScript(src)).type
  assert.equal(types('if a; then b; elif c; then d; else e; fi'), 'if')
  assert.equal(types('while a; do b; done'), 'loop')
  assert.equal(types('until a\ndo\nb\ndone'), 'loop')
  assert.equal(types('for i in 1 2; do :; done'), 'for')
  assert.equal(types('for i do :; done'), 'for')
  assert.equal(types('case x in (a|b) c;; *) ;; esac'), 'case')
  assert.equal(types('{ a; b; } > f'), 'group')
  assert.equal(types('(a; b)'), 'subshell')
  assert.equal(types('f() { a; }'), 'function')
  const c = first(parseScript('case $x in\n a|b) one;;\n *) two\nesac'))
  assert.equal(c.type === 'case' && c.items.length, 2)
})

test('here-documents: bodies, quoted delimiters, <<- tab stripping', () => {
  const l = parseScript('cat <<EOF; cat <<-"E2"\nhello $x\nEOF\n\tliteral $y\n\tE2\necho after')
  const [a, b] = l.items.map((i) => i.command.first.commands[0] as SimpleCommand)
  assert.equal(a!.redirs[0]!.heredoc!.quoted, false)
  assert.deepEqual(b!.redirs[0]!.heredoc, { body: { parts: [{ type: 'dquote', parts: [{ type: 'quoted', text: 'literal $y\n' }] }] }, quoted: true })
  assert.equal(l.items.length, 3)
})

test('command substitutions nest, including case inside $( )', () => {
  const w = simple('echo $(case a in a) echo `echo x`;; esac)').words[1]!
  assert.equal(w.parts[0]!.type, 'cmdsub')
})

test('syntax errors name the line and what was expected', () => {
  const e = syntaxError('echo ok\nif true; then echo; fi fi')
  assert.equal(e.line, 2)
  assert.match(e.message, /^line 2: syntax error: unexpected "fi"/)
  assert.match(syntaxError('if true; echo; fi').message, /unexpected "fi" \(expected "then"\)/)
  assert.match(syntaxError('a &&').message, /unexpected end of file/)
  assert.match(syntaxError('echo )').message, /unexpected "\)"/)
  assert.match(syntaxError('f() echo').message, /expected a compound command/)
})

test('incomplete input is told apart from a real error', () => {
  for (const src of ['if true\n', 'echo "abc\n', 'cat <<EOF\nline\n', 'a |\n', 'echo \\\n', 'f() {\n', "echo 'x"]) {
    assert.equal(syntaxError(src, false).incomplete, true, src)
  }
  assert.equal(syntaxError('fi\n', false).incomplete, false)
  // with no more input to come, a here-document may end at end of file
  assert.equal(new Parser('cat <<EOF\nline\n').all().length, 1)
})

test('next() yields one complete command at a time', () => {
  const p = new Parser('a\nb; c\n\nd')
  const counts: number[] = []
  for (let l = p.next(); l !== null; l = p.next()) counts.push(l.items.length)
  assert.deepEqual(counts, [1, 2, 1])
})

const TOKENS = ['if', 'then', 'else', 'elif', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', ';;', '{', '}', '(', ')', '|', '||', '&&', '&', ';', '\n', '<', '>', '>>', '<<', '<<-', '2>&1', 'EOF', '$(', '`', '"', "'", '\\', '$x', '${x', '${x:-', '}', '$((', '))', 'echo', 'a', '*', '!', '#', '=', 'x=1', ' ', '\t', '~']

test('the parser never throws anything but a syntax error (random text and token soup)', () => {
  const check = (src: string): void => {
    try {
      new Parser(src, 0, { final: true, baseLine: 1 }).all()
      new Parser(src, 0, { final: false, baseLine: 1 }).all()
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e
    }
  }
  fc.assert(fc.property(fc.string({ maxLength: 200 }), check), { numRuns: 2000 })
  fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join(' ')), check), { numRuns: 3000 })
  fc.assert(fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((t) => t.join('')), check), { numRuns: 3000 })
})

/** The words of each simple command of `src`, parsed with these aliases. */
function aliased(src: string, aliases: Record<string, string>): string[][] {
  const lists = new Parser(src, 0, { final: true, baseLine: 1, alias: (name) => aliases[name] }).all()
  const out: string[][] = []
  const walk = (l: List): void => {
    for (const item of l.items) {
      for (const p of [item.command.first, ...item.command.rest.map((r) => r.pipeline)]) {
        for (const c of p.commands) {
          if (c.type === 'simple') out.push(c.words.map((w) => w.literal ?? '?'))
          else if (c.type === 'group' || c.type === 'subshell') walk(c.body)
          else if (c.type === 'if') c.clauses.forEach((k) => (walk(k.cond), walk(k.body)))
        }
      }
    }
  }
  lists.forEach(walk)
  return out
}

test('aliases: substituted in command position only, recursively but not inside their own text', () => {
  assert.deepEqual(aliased('ll x ll', { ll: 'ls -l' }), [['ls', '-l', 'x', 'll']])
  assert.deepEqual(aliased('a', { a: 'b', b: 'echo end' }), [['echo', 'end']])
  assert.deepEqual(aliased('x', { x: 'y', y: 'x' }), [['x']])
  assert.deepEqual(aliased('ls; ls | ls && ls', { ls: 'ls -d' }), [['ls', '-d'], ['ls', '-d'], ['ls', '-d'], ['ls', '-d']])
  assert.deepEqual(aliased('A=1 >f ll', { ll: 'echo hi' }), [['echo', 'hi']])
  assert.deepEqual(aliased("\\ll 'll'", { ll: 'echo' }), [['?', '?']])
  // reserved words are not aliased; an alias may expand to one
  assert.deepEqual(aliased('if true; then :; fi', { if: 'echo' }), [['true'], [':']])
  assert.deepEqual(aliased('begin echo in; end', { begin: '{', end: '}' }), [['echo', 'in']])
})

test('aliases: a text ending in a blank looks up the next word too; an empty one as well', () => {
  const aliases = { run: 'echo ', word: 'WORD', plain: 'echo', empty: '' }
  assert.deepEqual(aliased('run word word', aliases), [['echo', 'WORD', 'word']])
  assert.deepEqual(aliased('plain word', aliases), [['echo', 'word']])
  assert.deepEqual(aliased('empty empty run word', aliases), [['echo', 'WORD']])
  assert.deepEqual(aliased('run run word', aliases), [['echo', 'echo', 'WORD']])
})

test('aliases inside $( ) do not move the outer parser off its text', () => {
  const aliases = { ll: 'echo a much longer text than the name', s: '' }
  assert.deepEqual(aliased('echo $(ll; s ll) tail; ll', aliases), [['echo', '?', 'tail'], ['echo', 'a', 'much', 'longer', 'text', 'than', 'the', 'name']])
  assert.deepEqual(aliased('echo $(s) tail2', aliases), [['echo', '?', 'tail2']])
})
