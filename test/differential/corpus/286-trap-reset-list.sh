trap 'echo bye' EXIT
trap EXIT
trap '' KILL; echo "kill $?"
trap 'echo t' TERM; trap 'echo i' INT
trap
trap 'echo x' 0; trap 0
trap - INT
trap
echo end
