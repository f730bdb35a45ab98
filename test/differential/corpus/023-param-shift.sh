set -- one two three four
echo $1 $2
shift
echo $1 $#
shift 2
echo $1 $#
shift
echo $#
