x=value
cat <<EOF1
plain $x $(echo cmd) $((1+1)) \$x \\ \`
EOF1
cat <<'EOF2'
quoted $x $(echo cmd)
EOF2
cat <<"EOF3"
dquoted $x
EOF3
cat <<-EOF4
	tabs stripped $x
		both
	EOF4
cat <<E1; cat <<E2
first
E1
second
E2
