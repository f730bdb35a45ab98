echo "root:x:0:0:root:/root:/bin/bash" | while IFS=: read -r user _ uid gid _ home shell; do
  echo "$user uid=$uid home=$home shell=$shell"
done
