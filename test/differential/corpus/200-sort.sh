printf 'b\na\nc\nb\n' > f
sort f
sort -r f
sort -u f
printf '10\n9\n100\n-1\n' | sort -n
printf '10\n9\n100\n' | sort
printf '10\n9\n100\n' | sort -rn
