a=apple b=banana
[[ $a < $b ]] && echo "$a before $b"
[[ -z "" && -n x ]] && echo empty-and-nonempty
[[ ! -z $a ]] && echo negated
[[ $a == a* || $b == z* ]] && echo or-works
