env FOO=bar sh -c 'echo $FOO'
env -i A=1 /bin/sh -c 'echo "A=$A"'
env FOO=x env | grep '^FOO='
env true; echo "st $?"
