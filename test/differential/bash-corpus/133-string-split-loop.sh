path="/usr/local/bin:/usr/bin:/bin"
IFS=: read -ra dirs <<< "$path"
for d in "${dirs[@]}"; do echo "dir: $d"; done
old_ifs=$IFS; IFS=:; set -- $path; IFS=$old_ifs
echo "$# parts, first=$1"
