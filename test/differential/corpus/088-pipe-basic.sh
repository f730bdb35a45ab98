printf '3\n1\n2\n' | sort | head -n 1
echo hello | tr a-z A-Z | cat
