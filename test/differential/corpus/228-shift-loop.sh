set -- one "two words" three
while [ $# -gt 0 ]; do
  echo "arg: $1"
  shift
done
echo "left $#"
