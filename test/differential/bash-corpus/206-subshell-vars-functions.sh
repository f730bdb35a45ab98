f() { echo "f in $1"; }
( f sub; v=1; echo "v=$v" )
echo "v=${v-unset}"
$(f cmdsub >&2) 2>/dev/null
echo end
