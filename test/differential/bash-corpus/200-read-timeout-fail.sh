if read -r -t 0.1 x < <(sleep 1); then echo "read $x"; else echo "timed out"; fi
