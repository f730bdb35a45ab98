p=/usr/local/bin/tool.tar.gz
echo ${p#*/}
echo ${p##*/}
echo ${p%.*}
echo ${p%%.*}
echo ${p#nomatch}
echo "${p%/*}"
echo "${p##*.}"
