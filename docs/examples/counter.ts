import { command, type Extension, file, serveUntilTerminated, synthetic } from 'ninefold'

// 1. A fileserver: a tree whose files are functions.
function counterFs() {
  let count = 0
  return synthetic(
    {
      count: file({ read: () => `${count}\n` }),
      ctl: file({
        write: (text) => {
          if (text.trim() === 'inc') count++
          else if (text.trim() === 'reset') count = 0
          else throw new Error(`unknown command: ${text.trim()}`)
        },
      }),
    },
    { kind: 'counter' },
  )
}

// 2. A daemon that posts it to /srv and serves until SIGTERM.
const counterSrv = command({
  name: 'counter-srv',
  usage: '[name]',
  summary: 'post a counter fileserver',
  run: (proc) => serveUntilTerminated(proc, proc.argv[1] ?? 'counter', counterFs()),
})

// 3. A package: its default export returns an Extension.
export default function counterPackage(): Extension {
  return { name: 'counter', bins: { 'counter-srv': counterSrv } }
}
