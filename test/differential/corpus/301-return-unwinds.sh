# return leaves every construct between it and its function, and nothing after it runs
f() {
  while :; do
    for i in 1 2 3; do
      case $i in
        2) if true; then [ $i = 2 ] && return 7 || echo never; fi ;;
      esac
      echo "loop $i"
    done
  done
  echo never
}
f; echo "f $?"
g() { while return 3; do echo never; done; echo never; }
g; echo "g $?"
h() { if return 4; then echo never; fi; echo never; }
h; echo "h $?"
k() { eval 'return 5; echo never'; echo never; }
k; echo "k $?"
m() { (return 6; echo never); echo "sub $?"; x=$(return 2; echo never); echo "cmdsub $? [$x]"; }
m; echo "m $?"
n() { false; return; }
n; echo "n $?"
p() { ! return 9; }
p; echo "p $?"
echo 'return 8; echo never' > sourced
. ./sourced; echo "dot $?"
q() { return 1 | cat; echo "piped $?"; }
q; echo "q $?"
r() { { return 2; echo never; } > out; echo never; }
r; echo "r $?"
