printf 'echo "args: $*"\nx=$(( $# * 2 ))\necho "double: $x"\n' > plain.sh
chmod +x plain.sh
./plain.sh one two three
echo "status $?"
printf 'exit 9\n' > nine
chmod +x nine
./nine; echo "nine: $?"
