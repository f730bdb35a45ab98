printf 'c\na\n' > x; printf 'b\n' > y
sort x y
sort -o sorted x; cat sorted
printf 'B\na\nA\nb\n' | sort
printf 'B\na\nA\nb\n' | sort -f
