shopt -s extglob
touch a.txt b.log c.md d.txt
echo !(*.txt)
echo @(a|c).*
echo *.@(txt|md)
echo +([a-c]).*
for f in ?(a|b).@(txt|log); do echo "f=$f"; done
for w in foo foobar bar baz ""; do
  case $w in
    @(foo|bar)) echo "$w: exact" ;;
    foo+(bar)) echo "$w: foo+bar" ;;
    ba?(r|z)) echo "$w: ba?" ;;
    *) echo "$w: other" ;;
  esac
done
[[ abcabc == +(abc) ]] && echo "plus"
[[ x == !(a|b) ]] && echo "not a or b"
[[ a == !(a|b) ]] || echo "a is excluded"
[[ "" == *(x) ]] && echo "star empty"
s="  trim  me  "
echo "[${s##+([[:space:]])}]"
echo "[${s%%+([[:space:]])}]"
v=aaa-bbb
echo "${v//+(a)/X}"
q='@(a)'
[[ "@(a)" == "$q" ]] && echo "quoted literal"
