declare -A sizes=([small.txt]=12 [medium.log]=3400 [big.bin]=1048576)
for f in $(printf '%s\n' "${!sizes[@]}" | sort); do
  s=${sizes[$f]}
  if (( s >= 1048576 )); then h="$((s / 1048576))M"; elif (( s >= 1024 )); then h="$((s / 1024))K"; else h="${s}B"; fi
  printf '%-12s %8d %5s\n' "$f" "$s" "$h"
done
