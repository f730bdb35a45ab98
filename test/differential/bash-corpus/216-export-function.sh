greet() { echo "hello ${1:-world}"; }
export -f greet
bash -c 'greet there'
bash -c 'bash -c greet'
counter() {
  local i
  for i in 1 2 3; do printf '%s;' "$i"; done
  echo
}
export -f counter
bash -c counter
env | grep -c '^BASH_FUNC_greet%%='
export -f nosuch 2>/dev/null; echo "rc=$?"
unset -f greet
bash -c 'greet 2>/dev/null; echo "after unset: $?"'
plain() { echo plain; }
bash -c 'plain 2>/dev/null; echo "not exported: $?"'
