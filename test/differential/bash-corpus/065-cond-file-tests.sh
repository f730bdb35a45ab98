touch f; mkdir d
for x in f d missing; do
  t=""
  [[ -e $x ]] && t+=e
  [[ -f $x ]] && t+=f
  [[ -d $x ]] && t+=d
  [[ -w $x ]] && t+=w
  [[ -r $x ]] && t+=r
  echo "$x:$t"
done
