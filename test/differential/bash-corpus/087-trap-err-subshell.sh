out=$( trap 'echo trapped' EXIT; echo inside )
echo "$out"
( trap 'echo sub-exit' EXIT; echo in-sub )
echo after
