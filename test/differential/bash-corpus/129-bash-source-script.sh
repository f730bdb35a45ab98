cat > lib.sh <<'EOF'
greet() { echo "greet from ${BASH_SOURCE[0]} called by ${FUNCNAME[1]}"; }
echo "loading ${BASH_SOURCE[0]}"
EOF
cat > main.sh <<'EOF'
source ./lib.sh
main() { greet; echo "main: ${BASH_SOURCE[*]} | ${FUNCNAME[*]}"; }
main
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then echo "run directly"; fi
EOF
bash main.sh
bash -c 'source ./main.sh'
