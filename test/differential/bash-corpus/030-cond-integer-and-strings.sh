a=10 b=9
[[ $a -gt $b ]] && echo numeric
[[ $a > $b ]] || echo "string 10 < 9"
[[ a = a ]] && echo single-equals
x=ab; [[ $x == a? ]] && echo question
[[ $x == [ab][ab] ]] && echo bracket
[[ -z $unset ]] && echo unset-is-empty
if [[ $x ]]; then echo nonempty; fi
