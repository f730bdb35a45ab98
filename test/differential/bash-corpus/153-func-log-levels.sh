LOG_LEVEL=2
log() { local level=$1; shift; (( level <= LOG_LEVEL )) && printf '[%s] %s\n' "$level" "$*"; return 0; }
log 1 error happened
log 2 warning here
log 3 debug hidden
echo done
