x='*'
case abc in $x) echo "unquoted var matches";; esac
case abc in "$x") echo no;; *) echo "quoted var literal";; esac
case '*' in "$x") echo "literal star";; esac
case a.b in *.*) echo dot;; esac
case '' in '') echo empty;; esac
case 'a b' in 'a b') echo spaced;; esac
