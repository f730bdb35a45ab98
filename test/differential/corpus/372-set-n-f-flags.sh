case $- in *f*) echo "f on";; *) echo "f off";; esac
set -f
case $- in *f*) echo "f on";; *) echo "f off";; esac
touch a.x
echo *.x
set +f
echo *.x
set -e; set +e
echo "e: $(case $- in *e*) echo on;; *) echo off;; esac)"
