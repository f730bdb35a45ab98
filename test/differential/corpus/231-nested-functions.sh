outer() {
  inner() { echo "inner $1"; }
  inner "from outer"
}
outer
inner direct
f() { echo "f $*"; g "$@"; }
g() { echo "g $#"; }
f a "b c"
