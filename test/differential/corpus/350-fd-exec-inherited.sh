printf 'one\ntwo\n' > f
exec 5<f
sh -c 'read -r l <&5; echo "child read: $l"'
read -r l <&5; echo "parent read: $l"
exec 5<&-
sh -c 'cat <&5' 2>/dev/null; echo "closed in child: $?"
