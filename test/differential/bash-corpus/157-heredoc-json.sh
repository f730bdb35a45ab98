name=service
port=8080
cat <<EOF > config.json
{
  "name": "$name",
  "port": $port,
  "debug": false
}
EOF
grep -c '"' config.json
jq -r .name config.json 2>/dev/null || sed -n 's/.*"name": "\(.*\)".*/\1/p' config.json
