attempt=0
until (( attempt >= 3 )); do
  ((attempt++))
  echo "attempt $attempt"
  [[ $attempt -eq 2 ]] && { echo "succeeded"; break; }
done
