echo first > log.txt
echo second >> log.txt
exec 3>> log.txt
echo third >&3
exec 3>&-
cat log.txt
