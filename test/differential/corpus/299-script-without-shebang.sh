printf 'echo "script ran with $# args: $*"\nexit 4\n' > plain
chmod +x plain
./plain a b
echo "status $?"
