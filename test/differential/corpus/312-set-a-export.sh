set -a
one=1
two=$((1+1))
set +a
three=3
sh -c 'echo "${one-unset} ${two-unset} ${three-unset}"'
set -o allexport
read four <<EOT
4
EOT
set +o allexport
sh -c 'echo "${four-unset}"'
