x=1
echo 2 | { read x; echo "inner $x"; }
printf 'a\nb\n' | { read first; read second; echo "$second $first"; }
