t() { [ "$@" ] 2>/dev/null; echo "$*: $?"; }
t 10 -eq 10
t " 10 " -eq 10
t -5 -lt 3
t 007 -eq 7
t 1 -gt x
t 99999999999 -gt 9999999999
t 3 -ge 3
t 3 -le 2
t 2 -ne 2
