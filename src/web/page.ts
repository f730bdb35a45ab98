/**
 * The page `npm run web` serves: a web terminal filling the window; files dropped on it go to ~.
 * `?root=memory` (or `opfs`, `indexeddb`) chooses where the files are kept.
 */
import type { RootChoice } from './savedroot.ts'
import { startTerminal } from './terminal.ts'

const CHOICES: readonly string[] = ['saved', 'opfs', 'indexeddb', 'memory'] satisfies RootChoice[]
const asked = new URLSearchParams(location.search).get('root') ?? 'saved'
const element = document.getElementById('terminal')!
// not a top-level await: the modules the page loads later import it (see src/node/web.ts), and
// one loaded during the boot would otherwise wait for the boot to end
void startTerminal(element, { root: CHOICES.includes(asked) ? (asked as RootChoice) : 'saved' }).then((web) => {
  Object.assign(globalThis, { ninefold: web })
  element.addEventListener('dragover', (e) => e.preventDefault())
  element.addEventListener('drop', (e) => {
    e.preventDefault()
    for (const file of Array.from(e.dataTransfer?.files ?? [])) {
      void file.arrayBuffer().then(
        (data) => web.put(file.name, new Uint8Array(data)),
        () => undefined,
      )
    }
  })
})
