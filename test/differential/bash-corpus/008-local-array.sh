x=global
f() {
  local -a list=(a b c)
  local x=$1
  local y
  echo "${#list[@]} $x [${y-unset}]"
  declare z=inner
}
f "one  two"
echo "$x [${list[@]}] [${z-unset}]"
g() { declare -g G=set; }
g; echo $G
