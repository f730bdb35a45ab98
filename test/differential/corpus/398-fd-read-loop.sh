printf 'a\nb\nc\n' > lines
exec 4<lines
while read -r l <&4; do
  sh -c 'read -r m <&4 && echo "child took $m"'
  echo "parent took $l"
done
exec 4<&-
