trap 'echo bye' EXIT
trap
trap - EXIT
trap
echo end
