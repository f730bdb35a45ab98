command -v cat >/dev/null; echo $?
command -v nonexistent_cmd_xyz >/dev/null || echo missing
command -v cd >/dev/null; echo $?
f() { :; }
command -v f
type cat >/dev/null; echo $?
type nonexistent_cmd_xyz >/dev/null 2>&1 || echo "type missing"
