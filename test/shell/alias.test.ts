/** alias in scripts: parsed a command at a time, long commands and line numbers intact. */
import { test } from 'node:test'
import { expectOut, shell, useSystem } from './helpers.ts'

const sys = useSystem()
const run = shell(sys)

test('with aliases defined, commands longer than a parse window still read whole', async () => {
  const body = 'x'.repeat(3000)
  const lines = Array.from({ length: 200 }, (_, i) => `  say ${i}`).join('\n')
  const script = `alias say='echo said'\ncat <<EOT | wc -c\n${body}\nEOT\nif true; then\n${lines}\nfi | tail -n 1\nsay "$LINENO"\n`
  await expectOut(run, script, `3001\nsaid 199\nsaid ${5 + 200 + 2}\n`)
})

test('a long script using aliases on every line keeps its line numbers', async () => {
  const uses = Array.from({ length: 2000 }, (_, i) => `a${i % 2} ${i}`).join('\n')
  const script = `alias a0=: a1=: last='echo last'\n${uses}\nlast "$LINENO"\nunalias -a\necho "line $LINENO"\n`
  await expectOut(run, script, `last ${2 + 2000}\nline ${2 + 2000 + 2}\n`)
})
