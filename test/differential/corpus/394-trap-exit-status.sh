sh -c 'trap "echo in trap \$?" EXIT; exit 7'; echo "status $?"
sh -c 'trap "exit 9" EXIT; exit 7'; echo "status $?"
sh -c 'trap "echo bye" EXIT; false'; echo "status $?"
sh -c 'f() { trap "echo func trap" EXIT; }; f; echo body'
