answer="YeS"
if [[ ${answer,,} == y || ${answer,,} == yes ]]; then echo "affirmative"; fi
[[ ${answer^^} == YES ]] && echo "upper works"
case ${answer,,} in yes) echo "case lowered";; esac
[[ $answer == yes ]] || echo "case sensitive again"
