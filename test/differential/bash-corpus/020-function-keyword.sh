function greet {
  echo "hello $1"
}
function twice() { greet "$1"; greet "$1"; }
greet you
twice me
function with_local { local v=inner; echo $v; }
with_local
