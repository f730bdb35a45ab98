( trap 'echo sub trap' EXIT; echo in sub )
echo after
trap 'echo main trap' EXIT
trap - EXIT
echo end
