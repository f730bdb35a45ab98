/** The ninefold shell: `sh` (registered as /bin/sh by the presets). */
import { command } from '../bins/command.ts'
import { main } from './main.ts'

export const sh = command({
  name: 'sh',
  usage: '[-eilnuvxfC] [-o option] [-c command [name [arg ...]] | file [arg ...]]',
  summary: 'the shell: a POSIX sh with pipelines, jobs, functions and here-documents',
  help: 'With -c, runs the command string; with a file, runs the script; otherwise reads commands\nfrom standard input (interactively on a console). -l makes a login shell.',
  run: main,
})
