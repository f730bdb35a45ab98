ulimit -x 2>/dev/null; echo "bad option: $?"
(ulimit -f 1000; ulimit -f)
(ulimit -n 64; ulimit -n)
(ulimit -f 100; ulimit -f 200 2>/dev/null; echo "raise: $?")
