echo "a line" | { read -r; echo "REPLY=$REPLY"; }
echo "  spaced  " | { IFS= read -r keep; echo "[$keep]"; }
echo "  spaced  " | { read -r trim; echo "[$trim]"; }
