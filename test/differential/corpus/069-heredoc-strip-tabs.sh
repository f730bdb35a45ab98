cat <<-EOF
	indented
		twice
not indented
	EOF
echo after
