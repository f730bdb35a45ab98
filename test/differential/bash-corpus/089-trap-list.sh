trap 'echo bye' EXIT
trap 'echo int' INT
trap -p EXIT
trap - INT
trap -p INT
echo done
