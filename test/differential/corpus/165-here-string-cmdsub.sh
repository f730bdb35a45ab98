x=$(cat <<EOF
from heredoc
EOF
)
echo "$x"
y=$(cat <<'EOF'
$notexpanded
EOF
)
echo "$y"
