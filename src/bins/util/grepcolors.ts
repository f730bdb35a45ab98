/**
 * GNU grep's colours (--color): the SGR sequences it puts around matches, file names, line
 * numbers, byte offsets and separators, GREP_COLORS's `ms`/`mt`, `fn`, `ln`, `bn`, `se` and `ne`
 * (no erase-to-end-of-line after each) read over its defaults.
 */
export interface Paint {
  /** Wraps `text` in the colour of `part` (the text as it is where the part has none). */
  (part: 'ms' | 'fn' | 'ln' | 'bn' | 'se', text: string): string
}

const DEFAULTS: Record<string, string> = { ms: '01;31', fn: '35', ln: '32', bn: '32', se: '36' }

export function painter(grepColors: string | undefined): Paint {
  const codes = { ...DEFAULTS }
  let erase = '\x1b[K'
  for (const item of (grepColors ?? '').split(':')) {
    const [key, value] = item.split('=') as [string, string | undefined]
    if (key === 'ne') erase = ''
    else if (value !== undefined && /^[0-9;]*$/.test(value)) {
      if (key === 'mt') codes['ms'] = value
      else if (key in codes) codes[key] = value
    }
  }
  return (part, text) => (codes[part] ? `\x1b[${codes[part]}m${erase}${text}\x1b[m${erase}` : text)
}
