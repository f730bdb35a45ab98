shopt -s extglob
for w in a.txt a.log a.b.txt .txt x abc.c ab.c a.c b.c c.c file.tar.gz README; do
  r=
  [[ $w == *.!(txt) ]] && r+=" dotnottxt"
  [[ $w == !(a|b)*.c ]] && r+=" notab"
  [[ $w == !(*.*) ]] && r+=" nodot"
  [[ $w == @(a|!(x))* ]] && r+=" nested"
  [[ $w == !(a*)!(b*) ]] && r+=" twoneg"
  case $w in *.!(gz|txt)) r+=" case";; esac
  echo "$w:$r"
done
s=foo.tar.gz
echo "${s#!(f)}" "${s##*.!(gz)}" "${s%.!(tar)}" "${s%%.!(x)}" "${s/!(o)/X}" "${s//!(o)/X}" "${s/#!(foo)/Y}" "${s/%.!(gz)/Z}"
t=abcabc
echo "${t//!(b)/-}" "${t/!(abc)c/-}" "${t%!(c)}" "${t%%!(c)}" "${t#!(a)}" "${t##!(a)}"
touch a.txt b.log c.md d.c ab.c notes.txt.bak
echo *.!(txt)
echo !(a|b)*.c
echo !(*.*|*.c)
echo @(a|b)!(.txt)
