# bash: shopt -p prints commands that restore the options; declare with an attribute and no names lists the variables that have it; hash with nothing remembered
shopt -p nullglob extglob
shopt -s nullglob; shopt -p nullglob; shopt -s | grep -c nullglob
shopt -u nullglob; shopt -s | grep -c nullglob
export MYV=1; declare -x | grep MYV
declare -i COUNT=3; declare -i | grep COUNT
declare -r RO=1; declare -r | grep -c RO=
shopt >/dev/null; echo "rc=$?"
hash; echo "rc=$?"; hash ls; echo "rc=$?"; hash nosuchcmd 2>/dev/null; echo "rc=$?"
