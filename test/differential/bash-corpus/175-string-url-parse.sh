url="https://user@example.com:8443/path/to/page?x=1&y=2"
proto=${url%%://*}
rest=${url#*://}
hostport=${rest%%/*}
path=/${rest#*/}
query=${path#*\?}
path=${path%%\?*}
echo "$proto | ${hostport#*@} | $path | $query"
if [[ $url =~ :([0-9]+)/ ]]; then echo "port ${BASH_REMATCH[1]}"; fi
