greet() { echo "hello $1"; }
greet world
greet "big world"
f() { echo "$# args: $*"; }
f a b c
g()
{
  echo multi-line
}
g
