tmp=work.tmp
cleanup() { rm -f "$tmp"; echo "cleaned"; }
trap cleanup EXIT
echo data > "$tmp"
cat "$tmp"
echo "end of script"
