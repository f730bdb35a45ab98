# bash: a here-document ended by the end of the text warns just before its command runs;
# {NAME} redirections choose a descriptor and close it by name; exec &> moves both outputs
bash -c "$(printf 'echo first\ncat <<EOF\nbody\n')" 2>&1
bash -c "$(printf 'cat <<-END\n\tindented\n')" 2>&1
exec {out}>named; echo "into $out" >&$out; exec {out}>&-; sed 's/[0-9][0-9]*/N/' named
echo gone >&$out 2>/dev/null || echo closed
{ echo grouped >&$g; } {g}>group; cat group
bash -c 'exec &>both; echo out; echo err >&2'; cat both
sleep 3 & disown; jobs | wc -l
kill -l TERM 9
