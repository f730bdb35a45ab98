mkdir -p a/b/c
cd a/b
basename "$(pwd)"
cd c; basename "$PWD"
cd ..; cd ..; basename "$(pwd)"
cd ./b/../b; basename "$(pwd)"
