set -e
check() { [[ -n $1 ]]; }
if check ""; then echo never; else echo "guarded false"; fi
check "" || echo "or guarded"
check x && echo "and ok"
echo survived
