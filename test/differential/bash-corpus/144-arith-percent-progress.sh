total=8
for ((done_=0; done_<=total; done_+=2)); do
  pct=$(( done_ * 100 / total ))
  printf '%3d%% [%-8s]\n' "$pct" "$(printf '%*s' "$done_" '' | tr ' ' '#')"
done
