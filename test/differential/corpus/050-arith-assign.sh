n=1
: $((n=n+4))
echo $n
: $((n+=2)); echo $n
: $((n*=3)); echo $n
: $((n-=1)); echo $n
: $((n/=4)); echo $n
: $((n%=3)); echo $n
echo $((m=6)) $m
