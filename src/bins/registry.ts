/**
 * Every command ninefold ships, by its own name, each loaded on first use: a loader is a literal
 * `import()` a bundler can follow, so a browser fetches a command's code when it first runs.
 * Adding a command is its file plus one line here; a test checks each line's name is the name
 * its file declares. The groups are the presets that install them (src/presets/).
 */
import type { BinFunction, LazyBin } from '../kernel/types.ts'
import { sh } from '../shell/index.ts'
import { commandsFrom } from './lazy.ts'

/**
 * What every system runs: the shell and the Unix commands. The shell comes with the registry,
 * not on first use: every system starts one at once, and a run's time limit should not be
 * spent loading it.
 */
export const coreCommands: Record<string, BinFunction | LazyBin> = {
  sh,
  ...commandsFrom({
    cat: () => import('./core/cat.ts'),
    ls: () => import('./core/ls.ts'),
    mkdir: () => import('./core/mkdir.ts'),
    rm: () => import('./core/rm.ts'),
    rmdir: () => import('./core/rmdir.ts'),
    touch: () => import('./core/touch.ts'),
    cp: () => import('./core/cp.ts'),
    mv: () => import('./core/mv.ts'),
    pwd: () => import('./core/pwd.ts'),
    head: () => import('./core/head.ts'),
    tail: () => import('./core/tail.ts'),
    wc: () => import('./core/wc.ts'),
    stat: () => import('./core/stat.ts'),
    chmod: () => import('./core/chmod.ts'),
    chown: () => import('./core/chown.ts'),
    find: () => import('./core/find.ts'),
    du: () => import('./core/du.ts'),
    cmp: () => import('./core/cmp.ts'),
    diff: () => import('./core/diff.ts'),
    base64: () => import('./core/base64.ts'),
    md5sum: () => import('./core/md5sum.ts'),
    sha256sum: () => import('./core/sha256sum.ts'),
    echo: () => import('./core/echo.ts'),
    printf: () => import('./core/printf.ts'),
    grep: () => import('./core/grep.ts'),
    sed: () => import('./core/sed.ts'),
    sort: () => import('./core/sort.ts'),
    uniq: () => import('./core/uniq.ts'),
    tr: () => import('./core/tr.ts'),
    cut: () => import('./core/cut.ts'),
    tee: () => import('./core/tee.ts'),
    seq: () => import('./core/seq.ts'),
    sleep: () => import('./core/sleep.ts'),
    timeout: () => import('./core/timeout.ts'),
    yes: () => import('./core/yes.ts'),
    env: () => import('./core/env.ts'),
    date: () => import('./core/date.ts'),
    basename: () => import('./core/basename.ts'),
    dirname: () => import('./core/dirname.ts'),
    xargs: () => import('./core/xargs.ts'),
    awk: () => import('./core/awk.ts'),
    jq: () => import('./core/jq.ts'),
    gzip: () => import('./core/gzip.ts'),
    gunzip: () => import('./core/gunzip.ts'),
    zcat: () => import('./core/zcat.ts'),
    tar: () => import('./core/tar.ts'),
    ps: () => import('./core/ps.ts'),
    kill: () => import('./core/kill.ts'),
    whoami: () => import('./core/whoami.ts'),
    id: () => import('./core/id.ts'),
    clear: () => import('./core/clear.ts'),
    help: () => import('./core/help.ts'),
    test: () => import('./core/test.ts'),
    'true': () => import('./core/true.ts'),
    'false': () => import('./core/false.ts'),
  }),
}

/** The namespace commands and the package manager's. */
export const srvCommands = commandsFrom({
  bind: () => import('./system/bind.ts'),
  mount: () => import('./system/mount.ts'),
  umount: () => import('./system/umount.ts'),
  pkg: () => import('./system/pkg.ts'),
})

/** Services and sandboxes: the supervisor's command, /srv, namespaces, users. */
export const serviceCommands = commandsFrom({
  svc: () => import('./system/svc.ts'),
  srv: () => import('./system/srv.ts'),
  ns: () => import('./system/ns.ts'),
  newns: () => import('./system/newns.ts'),
  rfork: () => import('./system/rfork.ts'),
  nsgroup: () => import('./system/nsgroup.ts'),
  srvfs: () => import('./system/srvfs.ts'),
  adduser: () => import('./system/adduser.ts'),
  su: () => import('./system/su.ts'),
})
