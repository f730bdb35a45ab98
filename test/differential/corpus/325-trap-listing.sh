trap 'echo int' INT
trap '' TERM
trap 'echo "quoted '\''x'\''"' HUP
trap
trap - INT HUP
trap
trap '' KILL 2>/dev/null; echo "KILL ignore: $?"
