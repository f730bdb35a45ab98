# bash's printf %(FORMAT)T: seconds since the epoch as strftime formats them; none or -1 is now
printf '[%(%Y-%m-%d %H:%M:%S)T]\n' 86400
printf '[%20(%H:%M)T] [%-8(%j)T] [%.2(%Y)T]\n' 3600 0 0
printf '%(%Y)T %s\n' 0 a 86400000 b
printf '%()T|\n' 0
printf '%(%Y)T\n' ''
printf '%(%Y)T\n' abc; echo "status $?"
printf -v when '%(%F)T' 1700000000; echo "$when"
[ "$(printf '%(%s)T')" -ge 1700000000 ] && echo now
[ "$(printf '%(%s)T' -1)" -ge 1700000000 ] && echo now again
