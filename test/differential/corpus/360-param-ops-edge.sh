unset u; e=
echo "[${u-def}][${e-def}][${u:-def}][${e:-def}]"
echo "[${u+alt}][${e+alt}][${u:+alt}][${e:+alt}]"
echo "[${u=set}][$u]"
echo "[${e:=filled}][$e]"
s=abcabc
echo "${s#*b}|${s##*b}|${s%b*}|${s%%b*}"
echo "${s#x}|${s%"c"}|${s#'a'}"
echo "${#s} ${#u} ${#}"
p='a*'
echo "${s#$p}|${s#"$p"}"
(: ${nope?is not set}) 2>/dev/null; echo "error status $?"
