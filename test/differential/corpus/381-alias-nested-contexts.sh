alias hi='echo hi'
if true; then hi from if; fi
for i in 1; do hi from for; done
while :; do hi from while; break; done
case x in x) hi from case;; esac
{ hi from group; }
( hi from subshell )
echo "$(hi from substitution)"
hi | cat
true && hi after and
f() { hi from function; }; f
