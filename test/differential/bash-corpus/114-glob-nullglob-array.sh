shopt -s nullglob
files=(*.nothing)
echo "count=${#files[@]}"
touch x.log y.log
files=(*.log)
echo "count=${#files[@]} ${files[*]}"
