path=/var/log/app/server.log.gz
echo "${path##*/}"
echo "${path%/*}"
echo "${path##*.}"
file=${path##*/}
echo "${file%%.*}"
echo "${file%.*}"
