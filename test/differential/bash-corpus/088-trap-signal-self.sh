trap 'echo got USR1' USR1
kill -USR1 $$
echo continuing
trap - USR1
trap 'echo term caught; exit 5' TERM
kill -TERM $$
echo not reached
