true | false; echo "$?"
false | true; echo "$?"
! true | false; echo "$?"
! false; echo "$?"
echo a | cat | cat | wc -l
exit_with() { return $1; }
exit_with 3 | exit_with 4; echo "$?"
