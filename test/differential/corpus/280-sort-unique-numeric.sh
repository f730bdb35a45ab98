printf '5\n3\n5\n1\n3\n' | sort -nu
printf 'b\nB\nb\na\n' | sort -u
printf '2 x\n10 y\n1 z\n' | sort -k1,1n -u
