upper() { tr '[:lower:]' '[:upper:]'; }
number() { local n=0; while IFS= read -r l; do ((n++)); echo "$n: $l"; done; }
printf 'one\ntwo\n' | upper | number
