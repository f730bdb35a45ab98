readonly r=1
(r=2) 2>/dev/null; echo "assign readonly: $?"
(unset r) 2>/dev/null; echo "unset readonly: $?"
v=1; unset v; echo "[${v-gone}]"
f() { :; }; unset -f f; command -v f >/dev/null; echo "function gone: $?"
unset nonexistent; echo "unset missing: $?"
export ex=1; unset ex; sh -c 'echo "[${ex-unset in child}]"'
