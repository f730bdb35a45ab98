env_name=HOME_DIR
HOME_DIR=/home/user
echo "${!env_name}"
for v in HOME_DIR MISSING; do echo "$v=${!v:-unset}"; done
prefix_a=1 prefix_b=2
echo "${!prefix_@}"
