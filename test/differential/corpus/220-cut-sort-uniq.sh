printf 'b,2\na,1\nb,3\na,4\nc,5\n' > csv
cut -d , -f 1 csv | sort | uniq -c
sort -t , -k 2 -rn csv | head -n 2
