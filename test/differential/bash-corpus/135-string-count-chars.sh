s="banana"
only_a=${s//[!a]/}
echo "${#only_a}"
lines=$'a\nb\nc'
n=${lines//[!$'\n']/}
echo $(( ${#n} + 1 ))
