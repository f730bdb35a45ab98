declare -n ref=target
target=hello
echo "$ref"
ref=changed
echo "$target"
declare -p ref
unset -n ref
echo "[${ref-unset}] $target"
