trap 'echo parent exit' EXIT
( echo "in subshell"; trap )
( trap 'echo sub exit' EXIT; echo body )
echo "back"
