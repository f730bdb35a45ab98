# bash: caller and BASH_LINENO name where each function (and sourced file) was called from
f() {
  caller
  caller 0
  caller 1; echo "past the frames $?"
  echo "lines ${BASH_LINENO[*]} names ${FUNCNAME[*]}"
}
g() {
  f
}
g
caller; echo "top level $?"
caller x 2>/dev/null; echo "not a number at the top $?"
fx() { caller x 2>/dev/null; echo "not a number in a function $?"; }; fx
printf 'h() { caller 0; echo "in h ${BASH_LINENO[*]}"; }\nh\n' > sourced.sh
. ./sourced.sh
