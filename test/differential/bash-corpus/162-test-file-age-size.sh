echo content > file
: > empty
[[ -s file ]] && echo "file nonempty"
[[ -s empty ]] || echo "empty is empty"
[[ file -nt missing ]] && echo "newer than missing"
[[ -e file && ! -d file ]] && echo "regular"
