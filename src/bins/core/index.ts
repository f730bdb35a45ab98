/** The core commands (issue 3), one a file. Each helper adds its imports and entries here. */
import type { BinFunction } from '../../kernel/types.ts'
// --- imports: file commands ---
import { cat } from './cat.ts'
import { ls } from './ls.ts'
import { mkdir } from './mkdir.ts'
import { rm } from './rm.ts'
import { rmdir } from './rmdir.ts'
import { touch } from './touch.ts'
import { cp } from './cp.ts'
import { mv } from './mv.ts'
import { pwd } from './pwd.ts'
import { head } from './head.ts'
import { tail } from './tail.ts'
import { wc } from './wc.ts'
import { stat } from './stat.ts'
import { chmod } from './chmod.ts'
import { chown } from './chown.ts'
import { find } from './find.ts'
import { du } from './du.ts'
import { cmp } from './cmp.ts'
import { diff } from './diff.ts'
import { base64 } from './base64.ts'
import { md5sum } from './md5sum.ts'
import { sha256sum } from './sha256sum.ts'
// --- imports: text and process commands ---
import { echo } from './echo.ts'
import { printf } from './printf.ts'
import { grep } from './grep.ts'
import { sed } from './sed.ts'
import { sort } from './sort.ts'
import { uniq } from './uniq.ts'
import { tr } from './tr.ts'
import { cut } from './cut.ts'
import { tee } from './tee.ts'
import { seq } from './seq.ts'
import { sleep } from './sleep.ts'
import { yes } from './yes.ts'
import { env } from './env.ts'
import { date } from './date.ts'
import { basename } from './basename.ts'
import { dirname } from './dirname.ts'
import { xargs } from './xargs.ts'
import { ps } from './ps.ts'
import { kill } from './kill.ts'
import { whoami } from './whoami.ts'
import { id } from './id.ts'
import { clear } from './clear.ts'
import { help } from './help.ts'
import { test } from './test.ts'
import { trueCmd } from './true.ts'
import { falseCmd } from './false.ts'
// --- imports: commands people and agents expect ---
import { jq } from './jq.ts'
import { gzip } from './gzip.ts'
import { gunzip } from './gunzip.ts'
import { zcat } from './zcat.ts'
import { tar } from './tar.ts'
import { zip } from './zip.ts'
import { unzip } from './unzip.ts'
import { tac } from './tac.ts'
import { rev } from './rev.ts'
import { nl } from './nl.ts'
import { paste } from './paste.ts'
import { comm } from './comm.ts'
import { fold } from './fold.ts'
import { expand } from './expand.ts'
import { unexpand } from './unexpand.ts'
import { column } from './column.ts'
import { tsort } from './tsort.ts'
import { sha1sum } from './sha1sum.ts'
import { sha512sum } from './sha512sum.ts'
import { egrep } from './egrep.ts'
import { fgrep } from './fgrep.ts'
import { hostname } from './hostname.ts'
import { uname } from './uname.ts'
import { nproc } from './nproc.ts'
import { printenv } from './printenv.ts'
import { expr } from './expr.ts'
import { factor } from './factor.ts'
import { realpath } from './realpath.ts'
import { readlink } from './readlink.ts'
import { which } from './which.ts'
import { mktemp } from './mktemp.ts'
import { shuf } from './shuf.ts'
import { split } from './split.ts'

export const coreBins: Record<string, BinFunction> = {
  // --- entries: file commands ---
  cat,
  ls,
  mkdir,
  rm,
  rmdir,
  touch,
  cp,
  mv,
  pwd,
  head,
  tail,
  wc,
  stat,
  chmod,
  chown,
  find,
  du,
  cmp,
  diff,
  base64,
  md5sum,
  sha256sum,
  // --- entries: text and process commands ---
  echo,
  printf,
  grep,
  sed,
  sort,
  uniq,
  tr,
  cut,
  tee,
  seq,
  sleep,
  yes,
  env,
  date,
  basename,
  dirname,
  xargs,
  ps,
  kill,
  whoami,
  id,
  clear,
  help,
  test,
  'true': trueCmd,
  'false': falseCmd,
  // --- entries: commands people and agents expect ---
  jq,
  gzip,
  gunzip,
  zcat,
  tar,
  zip,
  unzip,
  tac,
  rev,
  nl,
  paste,
  comm,
  fold,
  expand,
  unexpand,
  column,
  tsort,
  sha1sum,
  sha512sum,
  egrep,
  fgrep,
  hostname,
  uname,
  nproc,
  printenv,
  expr,
  factor,
  realpath,
  readlink,
  which,
  mktemp,
  shuf,
  split,
}
