# bash: compgen's word lists, variables, functions, directories, prefixes, suffixes and filters
mkdir dir1 dir2; touch file1 .hid
compgen -W "apple banana apricot" -- ap
compgen -W "a b c"
compgen -v BASH_VERS
f1() { :; }; f2() { :; }; compgen -A function f
compgen -d di; compgen -f .h
compgen -W "x y" -P '<' -S '>'
compgen -W "one two three" -X 't*'
compgen -W "one two three" -X '!t*'
compgen -k | grep -c -x -e if -e then -e '\[\['
compgen -b | grep -c -x -e cd -e echo
compgen -W "zz" a; echo "rc=$?"
alias ll='ls -l'; compgen -a
export MYV=1; compgen -e MYV; compgen -A variable MYV
