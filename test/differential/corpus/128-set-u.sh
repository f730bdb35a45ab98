( set -u; echo "$undefined_var" ) 2>/dev/null
echo "st $?"
( set -u; echo "${undefined_var:-ok}" )
( set -u; x=1; echo "$x" )
( set -u; set -- a; echo "$1" )
