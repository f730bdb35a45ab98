trap 'echo exit trap' EXIT
trap - EXIT
trap 'echo second' EXIT
trap EXIT
echo "no trap left"
trap 'echo final' 0
