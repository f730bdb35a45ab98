/** The page `npm run web` serves: a web terminal filling the window; files dropped on it go to ~. */
import { startTerminal } from './terminal.ts'

const element = document.getElementById('terminal')!
const web = await startTerminal(element)
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
