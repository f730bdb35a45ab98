parts=(usr local bin)
join() { local IFS="$1"; shift; echo "$*"; }
join / "${parts[@]}"
join , a b c
(IFS=:; echo "${parts[*]}")
