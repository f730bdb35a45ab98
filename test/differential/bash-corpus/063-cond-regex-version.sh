for v in 1.2.3 10.0 v2.1.0 abc; do
  if [[ $v =~ ^v?([0-9]+)\.([0-9]+)(\.([0-9]+))?$ ]]; then
    echo "$v major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=${BASH_REMATCH[4]:-0}"
  else
    echo "$v invalid"
  fi
done
