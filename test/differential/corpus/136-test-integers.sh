t() { if test "$@"; then echo "$* T"; else echo "$* F"; fi; }
t 1 -eq 1
t 1 -ne 1
t 2 -gt 1
t 2 -ge 3
t 1 -lt 2
t 3 -le 3
t -5 -lt 2
t 010 -eq 10
t 100 -gt 99
