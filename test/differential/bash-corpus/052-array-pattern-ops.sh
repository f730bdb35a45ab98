files=(a.txt b.txt c.log)
echo "${files[@]%.txt}"
echo "${files[@]/#/dir/}"
echo "${files[@]^}"
