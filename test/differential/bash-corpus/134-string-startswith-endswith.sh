check() {
  local s=$1
  [[ $s == http://* || $s == https://* ]] && echo "$s: url"
  [[ $s == *.json ]] && echo "$s: json"
  [[ ${s:0:1} == / ]] && echo "$s: absolute"
}
check https://x.org/a.json
check /etc/passwd
check notes.txt
