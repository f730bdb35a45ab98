/**
 * `download FILE...`: hands files from the namespace to the browser, which saves them where the
 * person keeps downloads. The page gives the command its way out (`save`).
 */
import { command, UsageError } from '../bins/lib.ts'

/** Gives bytes to the browser under a file name. */
export type Save = (name: string, data: Uint8Array) => void

export function downloadCommand(save: Save) {
  return command({
    name: 'download',
    usage: 'file ...',
    summary: 'save files from the namespace to the browser',
    async run(proc) {
      const files = proc.argv.slice(1)
      if (files.length === 0) throw new UsageError('no file given')
      let status = 0
      for (const path of files) {
        try {
          const data = await proc.readFile(path)
          save(path.slice(path.lastIndexOf('/') + 1) || 'download', data)
        } catch (e) {
          await proc.stderr.write(`download: ${e instanceof Error ? e.message : String(e)}\n`)
          status = 1
        }
      }
      return status
    },
  })
}

/** Save through an object URL and a link click: how a page starts a download. */
export const saveInBrowser: Save = (name, data) => {
  const url = URL.createObjectURL(new Blob([new Uint8Array(data)]))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
