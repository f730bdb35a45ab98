shopt -s nocasematch
for p in "[[:upper:]]" "[[:lower:]]" "[A-C]" "[a-c]" "A*" "@(X|b)" "!(a)" "[!a]"; do
  for s in A a B x; do [[ $s == $p ]] && r=1 || r=0; printf "%s " "$p/$s=$r"; done
done
echo
[[ HeLLo =~ ^h(el+)O$ ]] && echo "${BASH_REMATCH[*]}"
case ABC in abc) echo case;; esac
case Yes in [yY]*) echo yes;; esac
case NO in n?) echo no;; esac
[[ ABC != abc ]] || echo ne
x=ABCb; echo "${x#a}" "${x/b/-}" "${x//b/-}" "${x/#a/-}" "${x/%B/-}" "${x%b}" "${x##a*}"
shopt nocasematch; shopt -u nocasematch; shopt nocasematch
case ABC in abc) echo still;; *) echo off;; esac
[[ ABC == abc ]] || echo "off too"
