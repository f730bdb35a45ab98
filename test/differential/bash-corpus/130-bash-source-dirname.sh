mkdir -p tools
cat > tools/run.sh <<'EOF'
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
echo "$(basename "$here")"
EOF
bash tools/run.sh
