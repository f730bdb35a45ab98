( export LEAK=1 )
sh -c 'echo "[${LEAK-unset}]"'
V=1
( V=2; export V; sh -c 'echo "inner $V"' )
sh -c 'echo "outer [${V-unset}]"'
echo "$V"
