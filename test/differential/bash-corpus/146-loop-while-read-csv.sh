cat > data.csv <<'EOF'
name,age,city
alice,30,paris
bob,25,rome
EOF
{
  read -r header
  while IFS=, read -r name age city; do
    echo "$name ($age) lives in $city"
  done
} < data.csv
tail -n +2 data.csv | cut -d, -f2 | paste -sd+ | bc 2>/dev/null || awk -F, 'NR>1{s+=$2} END{print s}' data.csv
