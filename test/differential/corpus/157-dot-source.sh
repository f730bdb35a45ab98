cat > lib.sh <<'EOF'
libvar=fromlib
libfn() { echo "libfn $1"; }
EOF
. ./lib.sh
echo $libvar
libfn arg
