f() {
  cat <<EOF
arg is $1
EOF
}
f one
f two
