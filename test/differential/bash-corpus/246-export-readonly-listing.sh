# bash: export -p and readonly -p list as declare -x and declare -r do
MINE=1; export MINE; export BARE
export -p | grep -E '^declare -x (MINE|BARE)'
readonly FIXED=two
readonly -p | grep FIXED
export | grep -c 'declare -x MINE='
