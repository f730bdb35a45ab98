cat > config.ini <<EOF
[main]
name=demo
count=$((2 + 3))
EOF
cat config.ini
grep -c = config.ini
while IFS='=' read -r k v; do [[ $k == \[* ]] && continue; echo "$k -> $v"; done < config.ini
