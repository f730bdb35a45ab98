/** egrep: grep -E. */
import { aliasCommand } from '../util/alias.ts'
import { grep } from './grep.ts'

export const egrep = aliasCommand('egrep', grep, ['-E'], 'print lines matching an extended regular expression (grep -E)')
