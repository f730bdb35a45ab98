touch empty; echo data > full; mkdir dir
t() { if [ "$@" ]; then echo "yes: $*"; else echo "no: $*"; fi; }
t -e empty; t -e missing
t -f empty; t -f dir
t -d dir; t -d empty
t -s empty; t -s full
t -r full; t -w full
chmod +x full; t -x full
t -z ""; t -n ""
touch -t 200001010000 old; t full -nt old; t old -nt full
t abc \< abd; t b \> a
