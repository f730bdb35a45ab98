read -r -a words <<< "  the   quick brown  "
echo "${#words[@]}: ${words[*]}"
echo "${words[@]: -1}"
