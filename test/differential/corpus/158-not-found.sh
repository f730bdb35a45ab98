nonexistent_cmd_xyz 2>/dev/null
echo "st $?"
printf 'echo hi\n' > noexec
./noexec 2>/dev/null
echo "st $?"
./missing_file 2>/dev/null
echo "st $?"
