f=notes.md
if [[ ( $f == *.md || $f == *.txt ) && ! -d $f ]]; then echo doc; fi
[[ -z "" && ( -n x || -z x ) ]] && echo grouped
n=5; [[ $n -ge 1 && $n -le 10 ]] && echo in-range
[[ "a b" == "a b" ]] && echo spaces
arr=(x y); [[ ${#arr[@]} -eq 2 ]] && echo two
[[ $undefined_var == "" ]] && echo empty-unset
[[ abc == *b* ]] && echo contains
[[ $(echo yes) == yes ]] && echo cmdsub
