/** fgrep: grep -F. */
import { aliasCommand } from '../util/alias.ts'
import { grep } from './grep.ts'

export const fgrep = aliasCommand('fgrep', grep, ['-F'], 'print lines containing fixed strings (grep -F)')
