true | false | true
echo "${PIPESTATUS[@]}"
false | true; echo $?
set -o pipefail
false | true; echo $?
(exit 3) | (exit 4) | true; echo $?
true | true; echo $?
set +o pipefail
false | true; echo $?
true; echo ${PIPESTATUS[0]}
