# where nothing is split (an assignment, case, arithmetic) $* joins with IFS's first character,
# and in dash $@ does too
IFS=+
set -- 1 2 3
x=$*; y=$@
echo "$x|$y"
case $* in 1+2+3) echo joined with plus ;; *) echo other ;; esac
echo $(( $* ))
IFS=
z=$*; echo "$z"
unset IFS
w=$*; echo "$w"
