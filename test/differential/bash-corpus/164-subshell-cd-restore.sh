mkdir -p a/b
( cd a/b && pwd | sed 's|.*/||' )
basename "$(pwd)"
pushd a >/dev/null 2>&1 && { basename "$PWD"; popd >/dev/null; } || (cd a && basename "$PWD")
