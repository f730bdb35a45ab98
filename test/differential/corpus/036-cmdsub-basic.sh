x=$(echo hello)
echo "$x"
echo "[$(printf 'a\n\n\n')]"
echo "$(echo one; echo two)"
echo "[$(printf '\n\nlead')]"
