sh -c 'echo before; exec echo replaced; echo never'
sh -c 'exec 2>/dev/null; echo kept; ls /nonexistent-dir'; echo "status $?"
(exec sh -c 'exit 6'); echo "exec status $?"
