trap 'echo caught TERM' TERM
kill -TERM $$
echo after
trap - TERM
