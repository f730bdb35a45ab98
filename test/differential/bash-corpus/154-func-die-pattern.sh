die() { echo "error: $*" >&2; exit 1; }
run() { [[ -f $1 ]] || die "missing $1"; echo "found $1"; }
touch present
( run present )
( run absent ) 2>/dev/null
echo "exit was $?"
