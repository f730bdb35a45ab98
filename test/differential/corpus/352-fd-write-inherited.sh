exec 7>out
sh -c 'echo "child writes" >&7'
echo "parent writes" >&7
( echo "subshell writes" >&7 )
exec 7>&-
cat out
exec 8>>out
sh -c 'sh -c "echo grandchild >&8"'
exec 8>&-
tail -n 1 out
