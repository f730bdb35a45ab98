x=$(ls nope 2>&1 >/dev/null | wc -l)
echo $x
y=$( { echo out; echo err >&2; } 2>/dev/null )
echo "$y"
z=$(echo inner; exit 3)
echo "$z $?"
