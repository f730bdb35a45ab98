set -eo pipefail
out=$(echo hi | tr a-z A-Z)
echo "$out"
if ! false | true; then echo "pipefail caught"; fi
set +e
false | true; echo "status $?"
