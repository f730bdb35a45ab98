declare -n r=value
value=x
echo "${!r}"
for name in alpha beta; do
  declare -n cur=$name
  cur="set-$name"
done
unset -n cur
echo "$alpha $beta"
