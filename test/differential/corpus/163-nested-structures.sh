for i in 1 2 3; do
  case $i in
    2) if [ $i -eq 2 ]; then echo "two"; fi;;
    *) while [ $i -gt 0 ]; do printf '%s' "$i"; i=$((i-1)); done; echo;;
  esac
done
