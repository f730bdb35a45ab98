set -u
echo "${UNSET_VAR:-default}"
echo "${UNSET_VAR-other}"
: "${NEW_VAR:=assigned}"
echo "$NEW_VAR"
( echo "$MISSING" ) 2>/dev/null || echo "unset caught"
