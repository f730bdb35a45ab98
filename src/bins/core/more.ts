/** more: a pager on a terminal, a copy elsewhere. */
import { pagerCommand } from '../util/pager.ts'

export const more = pagerCommand('more')
